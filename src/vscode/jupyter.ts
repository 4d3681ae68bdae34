// Jupyter wiring: bridges with renewal, the Cluster Pass notebook controllers, notebooks that connect themselves,
// the Jupyter extension's server collection (created lazily, only when that extension is installed and a notebook
// is open), and the commands Connect Notebook, Copy Jupyter URL, Copy Client Settings (bridges to other HTTP APIs) and Restart Kernel.
import * as vscode from 'vscode';
import type { AwsApi } from '../aws/api';
import { COMMANDS, EXTENSION_ID } from '../constants';
import type { CredentialService } from '../credentials/credentialService';
import { promptForInput, type PromptDeps } from '../credentials/prompts';
import { listEverywhere, pickTarget } from '../credentials/targetPicker';
import { createKernelClientLoader, requireJupyterBundle } from '../jupyter/kernelLoader';
import { BridgeManager, type BridgeConnection } from '../jupyter/manager';
import { linkFor, targetFromLink, withLink, type NotebookLink } from '../jupyter/notebookMetadata';
import { RecentLinks } from '../jupyter/recentLinks';
import { ClusterPassServerProvider, COLLECTION_ID, COLLECTION_LABEL } from '../jupyter/serverProvider';
import type { CredentialMethod, Target } from '../services/types';
import type { ClipboardGuard } from '../sessions/clipboardGuard';
import { RenewalScheduler } from '../sessions/renewal';
import type { SessionStore } from '../sessions/sessionStore';
import type { CountdownStatusBar } from '../sessions/statusBar';
import { methodsFor, notebookMethodsFor } from '../services/methods';
import { planAutoConnect } from '../jupyter/autoConnect';
import { describeChanges, inputChanges } from '../jupyter/inputChanges';
import { ClusterPassController, NOTEBOOK_TYPE } from './notebookController';
import { settings } from './settings';

export const JUPYTER_COMMANDS = {
  connectNotebook: COMMANDS.connectNotebook,
  copyJupyterUrl: COMMANDS.copyJupyterUrl,
  restartKernel: COMMANDS.restartKernel,
  copyClientConfig: COMMANDS.copyClientConfig,
} as const;

export const JUPYTER_EXTENSION_ID = 'ms-toolsai.jupyter';

export interface JupyterDeps {
  readonly context: vscode.ExtensionContext;
  readonly store: SessionStore;
  readonly credentials: CredentialService;
  readonly statusBar: CountdownStatusBar;
  readonly clipboard: ClipboardGuard;
  readonly log: vscode.LogOutputChannel;
  readonly prompts: PromptDeps;
  loadAws(): Promise<AwsApi>;
  /** Targets already listed in the tree (offered first by the pickers). */
  loadedTargets(): Target[];
}

/** What tests and other extensions may read: bridges without their tokens. */
export interface JupyterApi {
  bridges(): { key: string; target: string; url: string }[];
}

const prefixed = (log: vscode.LogOutputChannel) => ({
  info: (m: string) => log.info(`[jupyter] ${m}`),
  warn: (m: string) => log.warn(`[jupyter] ${m}`),
  error: (m: string) => log.error(`[jupyter] ${m}`),
});

export function registerJupyter(deps: JupyterDeps): { disposables: vscode.Disposable[]; api: JupyterApi; shutdown(): Promise<void> } {
  const { store, credentials, log } = deps;
  const jlog = prefixed(log);
  const recent = new RecentLinks(deps.context.globalState);
  const loadClient = createKernelClientLoader(requireJupyterBundle());

  const renewal = new RenewalScheduler({
    store,
    renew: (s, signal) => credentials.fetch(s.target, s.method, s.input, signal, true),
    describe: (e, s) => credentials.explain(e, s.target, s.method, s.input).message,
    log: jlog,
    clock: Date.now,
    onFailureChange: (key, failure) => deps.statusBar.setRenewalProblem(key, failure && `${failure.message} (attempt ${failure.attempts}; retrying at ${new Date(failure.retryAt).toLocaleTimeString()})`),
  });
  const manager = new BridgeManager({
    fetch: (t, m, i, signal) => credentials.fetch(t, m, i, signal),
    store,
    renewal,
    loadAws: deps.loadAws,
    log: jlog,
    allowInsecureTls: () => settings.allowInsecureTls(),
    // Upstreams that publish no CA (a cluster's own endpoint) are also checked against Node's standard extra CA file.
    extraCaFile: () => process.env.NODE_EXTRA_CA_CERTS,
  });

  // One notebook controller per bridge; gone with its bridge.
  const controllers = new Map<string, ClusterPassController>();
  const controllerFor = (c: BridgeConnection): ClusterPassController => {
    let ctl = controllers.get(c.key);
    if (ctl && ctl.connection !== c) {
      ctl.dispose();
      ctl = undefined;
    }
    if (!ctl) {
      ctl = new ClusterPassController(c, loadClient, log);
      controllers.set(c.key, ctl);
    }
    return ctl;
  };
  const urlsCopied = new Map<string, string>();
  const managerChanged = manager.onDidChange(() => {
    for (const [key, ctl] of [...controllers]) {
      if (manager.get(key) === ctl.connection) continue;
      controllers.delete(key);
      ctl.dispose();
    }
    for (const [key, url] of [...urlsCopied]) {
      if (manager.get(key)) continue;
      urlsCopied.delete(key);
      void clearClipboardIf(url);
    }
  });
  const clearClipboardIf = async (value: string): Promise<void> => {
    if ((await vscode.env.clipboard.readText()) === value) await vscode.env.clipboard.writeText('');
  };

  const resolveLink = async (link: NotebookLink): Promise<{ target: Target; method: CredentialMethod }> => {
    const api = await deps.loadAws();
    const method = api.services.flatMap((m) => m.methods).find((m) => m.id === link.methodId && m.jupyterUpstream);
    if (!method) throw new Error(`This version of Cluster Pass has no Jupyter connection for "${link.methodId}".`);
    const target = targetFromLink(link);
    const listed = deps.loadedTargets().find((t) => t.kind === target.kind && t.id === target.id && t.location.profile === target.location.profile && t.location.region === target.location.region);
    return { target: listed ?? target, method };
  };
  const connectLink = async (link: NotebookLink): Promise<BridgeConnection> => {
    const { target, method } = await resolveLink(link);
    const c = await manager.connect(target, method, link.input);
    if (c.upstreamKind === 'jupyter') await recent.remember(link);
    return c;
  };

  /**
   * Target, method and role prompts, then connect. Undefined when the user backed out. Inputs typed for a target and
   * role whose bridge already runs take effect (a new session under the same bridge), and the user is told.
   */
  const pickAndConnect = async (): Promise<BridgeConnection | undefined> => {
    const api = await deps.loadAws();
    const methods = api.services.flatMap((m) => m.methods).filter((m) => m.jupyterUpstream);
    // Endpoints that serve other clients (Spark Connect) are not offered; their reason is said when nothing else is.
    const canBridge = (t: Target) => notebookMethodsFor(methods, t).length > 0;
    let targets = deps.loadedTargets();
    if (!targets.some(canBridge)) {
      const listed = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Listing clusters and endpoints in every profile and region', cancellable: true },
        (_p, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return listEverywhere(api, { profiles: settings.profiles(), regions: settings.regions(), includeInactive: false, concurrency: settings.parallelRegions(), signal: abort.signal });
        },
      );
      targets = listed.targets;
    }
    if (!targets.some(canBridge)) {
      const refused = targets.map((t) => methodsFor(methods, t).map((m) => m.notebookRefusal?.(t)).find(Boolean)).find(Boolean);
      void vscode.window.showInformationMessage(`Cluster Pass found no cluster or endpoint it can connect a notebook to.${refused ? ` ${refused}` : ''}`);
      return undefined;
    }
    const target = await pickTarget(vscode.window, targets, canBridge);
    if (!target) return undefined;
    const choices = notebookMethodsFor(methods, target);
    const method = choices.length === 1 ? choices[0] : (await vscode.window.showQuickPick(choices.map((m) => ({ label: m.label, description: m.operation, method: m })), { title: `Connect ${target.name}`, placeHolder: 'Which credentials?' }))?.method;
    if (!method) return undefined;
    const input = await promptForInput(deps.prompts, method, target);
    if (!input) return undefined;
    const running = manager.get(manager.keyFor(target, method, input));
    const changes = running ? inputChanges(method, running.input, input) : [];
    try {
      const c = await manager.connect(target, method, input, undefined, { applyInputs: true });
      if (c.upstreamKind === 'jupyter') await recent.remember(linkFor(target, method, input));
      if (changes.length) {
        jlog.info(`The bridge for ${target.name} was running; it now uses a new session with the inputs just entered.`);
        void vscode.window.showInformationMessage(`The Cluster Pass bridge for ${target.name} keeps running and now uses a new session with ${describeChanges(changes)}.`);
      }
      return c;
    } catch (error) {
      reportConnectError(error, target, method, input);
      return undefined;
    }
  };

  const reportConnectError = (error: unknown, target: Target, method: CredentialMethod, input: Record<string, unknown>): void => {
    const explained = credentials.explain(error, target, method, input as never);
    if (explained.cancelled) return;
    jlog.error(`Connecting ${target.name} failed: ${explained.message}`);
    void vscode.window.showErrorMessage(`Cluster Pass could not connect ${target.name}: ${explained.message}`, 'Show Log').then((a) => a && log.show());
  };

  const reportLinkError = async (error: unknown, link: NotebookLink, notebook: vscode.NotebookDocument): Promise<void> => {
    try {
      const { target, method } = await resolveLink(link);
      reportConnectError(error, target, method, link.input);
    } catch {
      jlog.error(`Connecting ${link.name} for ${notebook.uri.path} failed: ${(error as Error).message}`);
    }
  };

  /** Writes the link into the notebook's metadata (a workspace edit; the notebook becomes dirty). */
  const writeLink = async (notebook: vscode.NotebookDocument, link: NotebookLink): Promise<boolean> => {
    const edit = new vscode.WorkspaceEdit();
    edit.set(notebook.uri, [vscode.NotebookEdit.updateNotebookMetadata(withLink(notebook.metadata, link))]);
    return vscode.workspace.applyEdit(edit);
  };

  const attach = async (notebook: vscode.NotebookDocument, c: BridgeConnection): Promise<ClusterPassController> => {
    const ctl = controllerFor(c);
    await ctl.attach(notebook, EXTENSION_ID);
    return ctl;
  };

  /** A connection the user made for a notebook: recorded in the notebook (so it reconnects when reopened) and selected. */
  const linkAndAttach = async (notebook: vscode.NotebookDocument, c: BridgeConnection): Promise<void> => {
    if (c.upstreamKind !== 'jupyter') {
      offerClientConfig(c);
      return;
    }
    await writeLink(notebook, linkFor(c.target, c.method, c.input));
    await attach(notebook, c);
  };

  /** The notebook a command acts on: the one named, else the active one; says so when there is none. */
  const notebookFor = (uri?: vscode.Uri): vscode.NotebookDocument | undefined => {
    const notebook = (uri && vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === uri.toString())) ?? activeNotebook();
    if (!notebook) void vscode.window.showInformationMessage('Open a Jupyter notebook first, then connect it through Cluster Pass.');
    return notebook;
  };

  // Notebooks that connect themselves.
  const autoConnecting = new Set<string>();
  const autoConnect = async (notebook: vscode.NotebookDocument): Promise<void> => {
    const plan = planAutoConnect({
      notebookType: notebook.notebookType,
      expectedType: NOTEBOOK_TYPE,
      metadata: notebook.metadata,
      workspaceTrusted: vscode.workspace.isTrusted,
      autoConnectSetting: settings.autoConnect(),
    });
    if (!plan.connect) {
      if (plan.reason === 'untrusted-workspace') jlog.info(`${notebook.uri.path} names ${plan.link?.name}, but the workspace is not trusted: not connecting.`);
      return;
    }
    const { link } = plan;
    const id = notebook.uri.toString();
    if (autoConnecting.has(id)) return;
    autoConnecting.add(id);
    try {
      jlog.info(`${notebook.uri.path} names ${link.name}: connecting without prompts.`);
      const c = await connectLink(link);
      await attach(notebook, c);
    } catch (error) {
      await reportLinkError(error, link, notebook);
    } finally {
      autoConnecting.delete(id);
    }
  };

  // The Jupyter extension's server collection: created once, when that extension exists and a notebook is open.
  let collection: { dispose(): void } | undefined;
  let provider: ClusterPassServerProvider | undefined;
  let creatingCollection = false;
  const ensureCollection = async (): Promise<void> => {
    if (collection || creatingCollection) return;
    const ext = vscode.extensions.getExtension<import('@vscode/jupyter-extension').Jupyter>(JUPYTER_EXTENSION_ID);
    if (!ext) return;
    creatingCollection = true;
    try {
      const jupyter = ext.isActive ? ext.exports : await ext.activate();
      provider = new ClusterPassServerProvider({
        manager,
        recent: () => recent.list(),
        // The Jupyter extension's picker runs on the active notebook: taken before any prompt moves the focus.
        connectRecent: async (link) => {
          const notebook = notebookFor();
          if (!notebook) return;
          try {
            await linkAndAttach(notebook, await connectLink(link));
          } catch (error) {
            await reportLinkError(error, link, notebook);
          }
        },
        pickAndConnect: async () => {
          const notebook = notebookFor();
          const c = notebook && (await pickAndConnect());
          if (notebook && c) await linkAndAttach(notebook, c);
        },
        pickerDone: () => new vscode.CancellationError(),
        parseUri: (u) => vscode.Uri.parse(u),
      });
      const created = jupyter.createJupyterServerCollection(COLLECTION_ID, COLLECTION_LABEL, provider);
      created.commandProvider = provider;
      collection = created;
    } catch (e) {
      jlog.error(`Could not add the Cluster Pass servers to the Jupyter extension: ${(e as Error).message}`);
    } finally {
      creatingCollection = false;
    }
  };
  const onNotebook = (nb: vscode.NotebookDocument): void => {
    void ensureCollection();
    void autoConnect(nb);
  };

  /** A bridge to another HTTP API has no Jupyter kernels: say so and offer its clients' settings. */
  const offerClientConfig = (c: BridgeConnection): void => {
    const what = c.clientConfigs.map((f) => f.label).join(', ');
    void vscode.window.showInformationMessage(
      `${c.target.name} has no Jupyter kernel gateway; its bridge is running for other clients${what ? ` (${what})` : ''}.`,
      ...(c.clientConfigs.length ? ['Copy Client Settings'] : []),
    ).then((a) => a && vscode.commands.executeCommand(JUPYTER_COMMANDS.copyClientConfig, c.key));
  };

  /** Copies a value that holds a bridge token; cleared from the clipboard when that bridge stops (or at expiry). */
  const copyBridgeSecret = async (c: BridgeConnection, value: string): Promise<void> => {
    const session = store.get(c.key);
    await deps.clipboard.copy(value, session?.credential.expiresAt ?? new Date(Date.now() + 3600_000), settings.clearAfterSeconds());
    urlsCopied.set(c.key, value);
  };

  const activeNotebook = (): vscode.NotebookDocument | undefined => vscode.window.activeNotebookEditor?.notebook;

  const disposables: vscode.Disposable[] = [
    vscode.workspace.onDidOpenNotebookDocument(onNotebook),
    // Notebooks opened before the user trusted the workspace connect once trust is granted.
    vscode.workspace.onDidGrantWorkspaceTrust(() => vscode.workspace.notebookDocuments.forEach((nb) => void autoConnect(nb))),
    vscode.commands.registerCommand(JUPYTER_COMMANDS.connectNotebook, async (uri?: vscode.Uri) => {
      const notebook = notebookFor(uri);
      const c = notebook && (await pickAndConnect());
      if (!notebook || !c) return undefined;
      await linkAndAttach(notebook, c);
      return c.upstreamKind === 'jupyter' ? { key: c.key, target: c.target.name } : undefined;
    }),
    vscode.commands.registerCommand(JUPYTER_COMMANDS.copyJupyterUrl, async () => {
      const all = manager.list();
      let c = all.length === 1 ? all[0] : undefined;
      if (all.length > 1) {
        c = (await vscode.window.showQuickPick(all.map((x) => ({ label: x.target.name, description: `${x.target.location.profile}, ${x.target.location.region}`, c: x })), { title: 'Copy Jupyter URL', placeHolder: 'Which bridge?' }))?.c;
      } else if (!all.length) {
        const picked = await pickAndConnect();
        c = picked;
      }
      if (!c) return false;
      await copyBridgeSecret(c, `${c.bridge.url}?token=${c.bridge.token}`);
      void vscode.window.showInformationMessage(`Copied the Jupyter URL of the Cluster Pass bridge for ${c.target.name}. It works while the bridge runs; Cluster Pass clears it from the clipboard when the bridge stops.`);
      return true;
    }),
    vscode.commands.registerCommand(JUPYTER_COMMANDS.copyClientConfig, async (key?: string) => {
      const offering = manager.list().filter((x) => x.clientConfigs.length > 0);
      let c = typeof key === 'string' ? offering.find((x) => x.key === key) : offering.length === 1 ? offering[0] : undefined;
      if (!c && offering.length > 1) {
        c = (await vscode.window.showQuickPick(offering.map((x) => ({ label: x.target.name, description: `${x.target.location.profile}, ${x.target.location.region}`, c: x })), { title: 'Copy Client Settings', placeHolder: 'Which bridge?' }))?.c;
      } else if (!c) {
        c = await pickAndConnect();
        if (c && !c.clientConfigs.length) {
          void vscode.window.showInformationMessage(`The bridge for ${c.target.name} is a Jupyter server: use "Copy Jupyter URL" for it.`);
          return false;
        }
      }
      if (!c) return false;
      const bridge = { url: c.bridge.url, token: c.bridge.token, name: c.target.name };
      const configs = c.clientConfigs;
      const config = configs.length === 1 ? configs[0] : (await vscode.window.showQuickPick(configs.map((f) => ({ label: f.label, description: f.description, f })), { title: `Client settings for ${c.target.name}`, placeHolder: 'Which form?' }))?.f;
      if (!config) return false;
      await copyBridgeSecret(c, config.render(bridge));
      void vscode.window.showInformationMessage(`Copied "${config.label}" for ${c.target.name}: the bridge's local URL and token, no AWS credential. It works while the bridge runs; Cluster Pass clears it from the clipboard when the bridge stops.`);
      return true;
    }),
    vscode.commands.registerCommand(JUPYTER_COMMANDS.restartKernel, async () => {
      const notebook = activeNotebook();
      const ctl = notebook && [...controllers.values()].find((x) => x.hasKernel(notebook));
      if (!notebook || !ctl) {
        void vscode.window.showInformationMessage('This notebook has no running Cluster Pass kernel.');
        return false;
      }
      try {
        return await ctl.restart(notebook);
      } catch (e) {
        void vscode.window.showErrorMessage(`Restarting the kernel failed: ${(e as Error).message}`);
        return false;
      }
    }),
    managerChanged,
    {
      dispose: () => {
        collection?.dispose();
        provider?.dispose();
        for (const ctl of controllers.values()) ctl.dispose();
        controllers.clear();
        renewal.dispose();
        void manager.dispose();
      },
    },
  ];
  // Notebooks already open when Cluster Pass activated (activation event onNotebook:jupyter-notebook).
  for (const nb of vscode.workspace.notebookDocuments) onNotebook(nb);

  return {
    disposables,
    api: { bridges: () => manager.list().map((c) => ({ key: c.key, target: c.target.name, url: c.bridge.url })) },
    shutdown: () => manager.dispose(),
  };
}
