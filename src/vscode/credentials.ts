// The credential service and the chooser with VS Code's windows, clipboard guard and settings, and what error
// buttons lead to.
import * as vscode from 'vscode';
import type { AwsApi } from '../aws/api';
import { COMMANDS } from '../constants';
import { Chooser } from '../credentials/choose';
import { CredentialService } from '../credentials/credentialService';
import type { PromptDeps } from '../credentials/prompts';
import { RecentValues } from '../credentials/recentValues';
import type { ClipboardGuard } from '../sessions/clipboardGuard';
import type { SessionStore } from '../sessions/sessionStore';
import type { TargetTreeModel } from '../tree/targetTree';
import { settings } from './settings';

export interface CredentialWiring {
  readonly context: vscode.ExtensionContext;
  readonly store: SessionStore;
  readonly clipboard: ClipboardGuard;
  readonly model: TargetTreeModel;
  readonly log: vscode.LogOutputChannel;
  loadAws(): Promise<AwsApi>;
}

export function createPrompts(context: vscode.ExtensionContext): PromptDeps {
  return { window: vscode.window, recent: new RecentValues(context.globalState), setting: settings.get };
}

/** Target, method and input choices, for the commands and the notebook connect. */
export function createChooser({ context, model, log, loadAws }: Pick<CredentialWiring, 'context' | 'model' | 'log' | 'loadAws'>): Chooser {
  return new Chooser({
    window: vscode.window,
    notificationLocation: vscode.ProgressLocation.Notification,
    prompts: createPrompts(context),
    log,
    loadAws,
    loadedTargets: () => model.loadedTargets().map((n) => n.target),
    listing: () => ({ profiles: settings.profiles(), regions: settings.regions(), concurrency: settings.parallelRegions(), accounts: settings.ssoAccounts() }),
  });
}

export function createCredentialService({ context, store, clipboard, model, log, loadAws }: CredentialWiring): CredentialService {
  return new CredentialService({
    loadAws,
    store,
    window: vscode.window,
    notificationLocation: vscode.ProgressLocation.Notification,
    backgroundLocation: vscode.ProgressLocation.Window,
    clipboard,
    prompts: createPrompts(context),
    log,
    clock: Date.now,
    defaultFormat: settings.defaultFormat,
    clearAfterSeconds: settings.clearAfterSeconds,
    followUp: (action, target) => {
      if (action.id === 'refresh') model.refresh();
      else if (action.id === 'signIn') void vscode.commands.executeCommand(COMMANDS.signIn, target.location.profile);
      else if (action.id === 'configure') void vscode.commands.executeCommand(COMMANDS.openAwsConfig);
      else if (action.id === 'showLog') log.show();
    },
  });
}
