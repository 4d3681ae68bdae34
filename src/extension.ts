// Wiring only: activation creates the log, the session store, the tree view, the status bar, the commands and the
// Jupyter integration (bridges, notebook controllers),
// and returns. The AWS SDK is not loaded here: the first tree expansion or command loads dist/aws.js.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AwsHooks } from './aws/api';
import { createAwsLoader, requireBesideBundle } from './aws/loader';
import { COMMANDS, LOG_NAME, STATUS_ITEM } from './constants';
import { CredentialService } from './credentials/credentialService';
import { RecentValues } from './credentials/recentValues';
import { ClipboardGuard } from './sessions/clipboardGuard';
import { formatRemaining } from './sessions/countdown';
import { CountdownStatusBar } from './sessions/statusBar';
import { SessionStore } from './sessions/sessionStore';
import type { TreeNode } from './tree/nodes';
import { TargetTreeModel } from './tree/targetTree';
import { registerCommands } from './vscode/commands';
import { settings } from './vscode/settings';
import { registerJupyter } from './vscode/jupyter';
import { createTreeView } from './vscode/treeView';

export interface ClusterPassApi {
  /** Active sessions without their secrets (for tests and other extensions). */
  sessions(): { key: string; target: string; expiresAt: string; renewals: number }[];
  readonly statusBarTimerRunning: boolean;
  /** The explorer tree's data as the view gets it (for tests and other extensions): children and their TreeItems. */
  readonly tree: Pick<vscode.TreeDataProvider<unknown>, 'getChildren' | 'getTreeItem'>;
  /** Running Jupyter bridges (no tokens). */
  bridges(): { key: string; target: string; url: string }[];
}

export function activate(context: vscode.ExtensionContext): ClusterPassApi {
  const log = vscode.window.createOutputChannel(LOG_NAME, { log: true });
  const hooks: AwsHooks = {
    mfaCode: (serial) => Promise.resolve(vscode.window.showInputBox({ title: 'MFA code', prompt: `Enter the code of MFA device ${serial}`, ignoreFocusOut: true, password: true, validateInput: (v) => (/^\d{6}$/.test(v) ? undefined : 'Six digits.') })),
  };
  const loadAws = createAwsLoader(requireBesideBundle('aws.js'), hooks);
  const store = new SessionStore();
  const clipboard = new ClipboardGuard(vscode.env.clipboard, Date.now);

  const model = new TargetTreeModel({
    loadAws,
    settings,
    log,
    withProgress: (task) => Promise.resolve(vscode.window.withProgress({ location: { viewId: 'clusterPass.targets' } }, task)),
    onProfilesFound: (count) => void vscode.commands.executeCommand('setContext', 'clusterPass.noProfiles', count === 0),
  });
  const tree = createTreeView(model);

  const credentials = new CredentialService({
    loadAws,
    store,
    window: vscode.window,
    notificationLocation: vscode.ProgressLocation.Notification,
    backgroundLocation: vscode.ProgressLocation.Window,
    clipboard,
    prompts: { window: vscode.window, recent: new RecentValues(context.globalState), setting: settings.get },
    log,
    clock: Date.now,
    defaultFormat: settings.defaultFormat,
    clearAfterSeconds: settings.clearAfterSeconds,
    followUp: (action, target) => {
      if (action === 'Refresh') model.refresh();
      else if (action === 'Sign In') void vscode.commands.executeCommand(COMMANDS.signIn, target.location.profile);
      else if (action === 'Open AWS Config') void vscode.commands.executeCommand('vscode.open', vscode.Uri.file(process.env.AWS_CONFIG_FILE ?? path.join(os.homedir(), '.aws', 'config')));
      else if (action === 'Show Log') log.show();
    },
  });

  const statusBar = new CountdownStatusBar(store, {
    item: vscode.window.createStatusBarItem(STATUS_ITEM, vscode.StatusBarAlignment.Left, 100),
    warningColor: new vscode.ThemeColor('statusBarItem.warningBackground'),
    clock: Date.now,
    warningMinutes: settings.warningMinutes,
    command: COMMANDS.showSessions,
    onWarning: (session) => {
      if (!settings.notifyBeforeExpiry()) return;
      const left = formatRemaining(session.credential.expiresAt.getTime() - Date.now());
      void vscode.window.showWarningMessage(`Cluster Pass: credentials for ${session.target.name} expire in ${left}.`, 'Renew').then((chosen) => {
        if (chosen === 'Renew' && store.get(session.key)) void credentials.renew(session);
      });
    },
  });

  const jupyter = registerJupyter({
    context, store, credentials, statusBar, clipboard, log, loadAws,
    prompts: { window: vscode.window, recent: new RecentValues(context.globalState), setting: settings.get },
    loadedTargets: () => model.loadedTargets().map((n) => n.target),
  });

  context.subscriptions.push(
    log,
    ...tree.disposables,
    model,
    statusBar,
    clipboard,
    { dispose: () => store.clear() },
    ...registerCommands({ model, credentials, store, log, loadAws }),
    ...jupyter.disposables,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('clusterPass.profiles') || e.affectsConfiguration('clusterPass.regions') || e.affectsConfiguration('clusterPass.showInactive')) model.refresh();
      if (e.affectsConfiguration('clusterPass.statusBar')) statusBar.render();
    }),
  );

  return {
    sessions: () => store.list().map((s) => ({ key: s.key, target: s.target.name, expiresAt: s.credential.expiresAt.toISOString(), renewals: s.renewals })),
    bridges: () => jupyter.api.bridges(),
    get statusBarTimerRunning() {
      return statusBar.timerRunning;
    },
    tree: {
      getChildren: (node?: unknown) => tree.provider.getChildren(node as TreeNode | undefined),
      getTreeItem: (node: unknown) => tree.provider.getTreeItem(node as TreeNode),
    },
  };
}

export function deactivate(): void {}
