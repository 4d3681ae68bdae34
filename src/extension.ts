// Wiring only: activation creates the log, the session store, the tree view, the status bar, the commands and the
// Jupyter integration (bridges, notebook controllers),
// and returns. The AWS SDK is not loaded here: the first tree expansion or command loads dist/aws.js.
import * as vscode from 'vscode';
import { createAwsLoader, requireBesideBundle } from './aws/loader';
import { LISTING_SETTINGS, LOG_NAME, PREFIX, STATUS_BAR_SETTINGS } from './constants';
import { useL10n } from './l10n';
import { ClipboardGuard } from './sessions/clipboardGuard';
import { SessionStore } from './sessions/sessionStore';
import type { TreeNode } from './tree/nodes';
import { registerCommands } from './vscode/commands';
import { createChooser, createCredentialService } from './vscode/credentials';
import { registerJupyter } from './vscode/jupyter';
import { createStatusBar } from './vscode/statusBar';
import { CredentialTerminals } from './vscode/terminals';
import { createTreeModel, createTreeView } from './vscode/treeView';
import { updateWalkthroughContext } from './vscode/walkthrough';

export interface ClusterPassApi {
  /** Active sessions without their secrets (for tests and other extensions). */
  sessions(): { key: string; target: string; expiresAt: string; renewals: number }[];
  readonly statusBarTimerRunning: boolean;
  /** The explorer tree's data as the view gets it (for tests and other extensions): children and their TreeItems. */
  readonly tree: Pick<vscode.TreeDataProvider<unknown>, 'getChildren' | 'getTreeItem'>;
  /** Running Jupyter bridges (no tokens). */
  bridges(): { key: string; target: string; url: string }[];
}

/** Stops the bridges (their sockets and kernels' connections) before VS Code disposes the rest. */
let shutdown: (() => Promise<void>) | undefined;

export function activate(context: vscode.ExtensionContext): ClusterPassApi {
  useL10n(vscode.l10n);
  const log = vscode.window.createOutputChannel(LOG_NAME, { log: true });
  const loadAws = createAwsLoader(requireBesideBundle('aws.js'), { mfaCode: askForMfaCode, l10n: vscode.l10n });
  const store = new SessionStore();
  const clipboard = new ClipboardGuard(vscode.env.clipboard, Date.now);
  const model = createTreeModel(loadAws, log);
  const tree = createTreeView(model);
  const credentials = createCredentialService({ context, store, clipboard, model, log, loadAws });
  const chooser = createChooser({ context, model, log, loadAws });
  const statusBar = createStatusBar(store, credentials);
  const terminals = new CredentialTerminals(credentials, log);

  const jupyter = registerJupyter({
    context, store, credentials, chooser, statusBar, clipboard, log, loadAws,
    loadedTargets: () => model.loadedTargets().map((n) => n.target),
  });

  shutdown = jupyter.shutdown;
  // Disposed in this order after deactivate: the log last, so everything before it can still write to it.
  context.subscriptions.push(
    ...tree.disposables,
    model,
    statusBar,
    clipboard,
    { dispose: () => store.clear() },
    terminals,
    ...registerCommands({ model, credentials, store, log, loadAws, chooser, terminals }),
    ...jupyter.disposables,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (LISTING_SETTINGS.some((key) => e.affectsConfiguration(`${PREFIX}.${key}`))) model.refresh();
      if (e.affectsConfiguration(`${PREFIX}.${STATUS_BAR_SETTINGS}`)) statusBar.render();
    }),
    log,
  );

  void updateWalkthroughContext();

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

export async function deactivate(): Promise<void> {
  await shutdown?.();
  shutdown = undefined;
}

function askForMfaCode(serial: string): Promise<string | undefined> {
  return Promise.resolve(vscode.window.showInputBox({ title: vscode.l10n.t('MFA code'), prompt: vscode.l10n.t('Enter the code of MFA device {0}', serial), ignoreFocusOut: true, password: true, validateInput: (v) => (/^\d{6}$/.test(v) ? undefined : vscode.l10n.t('Six digits.')) }));
}
