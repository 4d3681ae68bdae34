// The getting-started walkthrough (package.json contributes.walkthroughs). Its last step, a terminal with
// credentials, runs clusterPass.openTerminal; the step is shown only when that command is registered.
import * as vscode from 'vscode';
import { COMMANDS, CONTEXT_KEYS } from '../constants';

/** Sets the walkthrough's context keys; call after every command is registered. */
export async function updateWalkthroughContext(): Promise<void> {
  const commands = await vscode.commands.getCommands(true);
  await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.terminalAvailable, commands.includes(COMMANDS.openTerminal));
}
