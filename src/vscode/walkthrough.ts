// The getting-started walkthrough (package.json contributes.walkthroughs). Its last step, a terminal with
// credentials, runs clusterPass.openTerminal; the step is shown only when that command is registered.
import * as vscode from 'vscode';

export const OPEN_TERMINAL_COMMAND = 'clusterPass.openTerminal';
const TERMINAL_AVAILABLE = 'clusterPass.terminalAvailable';

/** Sets the walkthrough's context keys; call after every command is registered. */
export async function updateWalkthroughContext(): Promise<void> {
  const commands = await vscode.commands.getCommands(true);
  await vscode.commands.executeCommand('setContext', TERMINAL_AVAILABLE, commands.includes(OPEN_TERMINAL_COMMAND));
}
