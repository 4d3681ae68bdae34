// Jupyter wiring: bridges with renewal, the Cluster Pass notebook controllers, the notebook flow (connect, reconnect,
// notebooks that connect themselves), the Jupyter extension's server collection (created lazily, only when that
// extension is installed and a notebook is open) and the Jupyter commands.
import * as vscode from 'vscode';
import type { AwsApi } from '../aws/api';
import { COMMANDS, EXTENSION_ID } from '../constants';
import type { Chooser } from '../credentials/choose';
import type { CredentialService } from '../credentials/credentialService';
import { createKernelClientLoader, requireJupyterBundle } from '../jupyter/kernelLoader';
import { lazyBridgeFactory } from '../jupyter/bridgeLoader';
import { BridgeManager } from '../jupyter/manager';
import { withLink } from '../jupyter/notebookMetadata';
import { NotebookFlow } from '../jupyter/notebookFlow';
import { RecentLinks } from '../jupyter/recentLinks';
import type { Target } from '../services/types';
import type { ClipboardGuard } from '../sessions/clipboardGuard';
import { RenewalScheduler } from '../sessions/renewal';
import type { SessionStore } from '../sessions/sessionStore';
import type { CountdownStatusBar } from '../sessions/statusBar';
import { JupyterCollection } from './jupyterCollection';
import { bridgeSlot, offerClientConfig, registerJupyterCommands } from './jupyterCommands';
import { NOTEBOOK_TYPE, NotebookControllers } from './notebookController';
import { settings } from './settings';

export { JUPYTER_EXTENSION_ID } from './jupyterCollection';
const { connectNotebook, copyJupyterUrl, restartKernel, copyClientConfig } = COMMANDS;
export const JUPYTER_COMMANDS = { connectNotebook, copyJupyterUrl, restartKernel, copyClientConfig } as const;

export interface JupyterDeps {
  readonly context: vscode.ExtensionContext;
  readonly store: SessionStore;
  readonly credentials: CredentialService;
  readonly chooser: Chooser;
  readonly statusBar: CountdownStatusBar;
  readonly clipboard: ClipboardGuard;
  readonly log: vscode.LogOutputChannel;
  loadAws(): Promise<AwsApi>;
  /** Targets already listed in the tree (a link's target is taken from there when loaded). */
  loadedTargets(): Target[];
}

/** What tests and other extensions may read: bridges without their tokens. */
export interface JupyterApi {
  bridges(): { key: string; target: string; url: string }[];
}

export function registerJupyter(deps: JupyterDeps): { disposables: vscode.Disposable[]; api: JupyterApi; shutdown(): Promise<void> } {
  const { store, credentials, log, clipboard } = deps;
  const jlog = { info: (m: string) => log.info(`[jupyter] ${m}`), warn: (m: string) => log.warn(`[jupyter] ${m}`), error: (m: string) => log.error(`[jupyter] ${m}`) };
  const recent = new RecentLinks(deps.context.globalState);
  const renewal = new RenewalScheduler({
    store,
    renew: (s, signal) => credentials.fetch(s.target, s.method, s.input, signal, true),
    describe: (e, s) => credentials.explain(e, s.target, s.method, s.input).message,
    log: jlog,
    clock: Date.now,
    onFailureChange: (key, failure) => deps.statusBar.setRenewalProblem(key, failure && vscode.l10n.t('{0} (attempt {1}; retrying at {2})', failure.message, failure.attempts, new Date(failure.retryAt).toLocaleTimeString())),
  });
  const manager = new BridgeManager({
    fetch: (t, m, i, signal) => credentials.fetch(t, m, i, signal),
    store, renewal, loadAws: deps.loadAws, log: jlog,
    allowInsecureTls: () => settings.allowInsecureTls(),
    // Upstreams that publish no CA (a cluster's own endpoint) are also checked against Node's standard extra CA file.
    extraCaFile: () => process.env.NODE_EXTRA_CA_CERTS,
    createBridge: lazyBridgeFactory(),
  });
  const controllers = new NotebookControllers(createKernelClientLoader(requireJupyterBundle()), log);

  const flow = new NotebookFlow<vscode.NotebookDocument>({
    manager, recent, chooser: deps.chooser, log: jlog,
    loadMethods: async () => (await deps.loadAws()).services.flatMap((m) => m.methods),
    loadedTargets: deps.loadedTargets,
    notebookType: NOTEBOOK_TYPE,
    workspaceTrusted: () => vscode.workspace.isTrusted,
    autoConnectSetting: () => settings.autoConnect(),
    writeLink: (notebook, link) => {
      const edit = new vscode.WorkspaceEdit();
      edit.set(notebook.uri, [vscode.NotebookEdit.updateNotebookMetadata(withLink(notebook.metadata, link))]);
      return Promise.resolve(vscode.workspace.applyEdit(edit));
    },
    attach: (notebook, c) => controllers.for(c).attach(notebook, EXTENSION_ID),
    offerClientConfig,
    report: (error, target, method, input, wording) => credentials.report(error, target, method, input, wording),
    tell: (message) => void vscode.window.showInformationMessage(message),
  });

  /** The notebook a command acts on: the one named, else the active one; says so when there is none. */
  const notebookFor = (uri?: vscode.Uri): vscode.NotebookDocument | undefined => {
    const notebook = (uri && vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === uri.toString())) ?? vscode.window.activeNotebookEditor?.notebook;
    if (!notebook) void vscode.window.showInformationMessage(vscode.l10n.t('Open a Jupyter notebook first, then connect it through Cluster Pass.'));
    return notebook;
  };
  const collection = new JupyterCollection({ manager, recent, flow, notebookFor: () => notebookFor(), log: jlog });
  const onNotebook = (nb: vscode.NotebookDocument): void => {
    void collection.ensure();
    void flow.autoConnect(nb);
  };

  const disposables: vscode.Disposable[] = [
    vscode.workspace.onDidOpenNotebookDocument(onNotebook),
    // Notebooks opened before the user trusted the workspace connect once trust is granted.
    vscode.workspace.onDidGrantWorkspaceTrust(() => vscode.workspace.notebookDocuments.forEach((nb) => void flow.autoConnect(nb))),
    ...registerJupyterCommands({ manager, flow, controllers, clipboard, store, notebookFor }),
    // A stopped bridge takes its controller, and its URL or client settings off the clipboard.
    manager.onDidChange(() => {
      controllers.prune((key) => manager.get(key));
      for (const slot of clipboard.slots()) if (slot.startsWith(bridgeSlot('')) && !manager.get(slot.slice(bridgeSlot('').length))) void clipboard.clearIfUnchanged(slot);
    }),
    { dispose: () => [collection, controllers, renewal].forEach((d) => d.dispose()) },
    { dispose: () => void manager.dispose() },
  ];
  // Notebooks already open when Cluster Pass activated (activation event onNotebook:jupyter-notebook).
  for (const nb of vscode.workspace.notebookDocuments) onNotebook(nb);

  return {
    disposables,
    api: { bridges: () => manager.list().map((c) => ({ key: c.key, target: c.target.name, url: c.bridge.url })) },
    shutdown: () => manager.dispose(),
  };
}
