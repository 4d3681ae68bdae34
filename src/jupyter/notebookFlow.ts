// Connecting notebooks: the user's choice (target, method, inputs), a recent target from the Jupyter extension's
// picker, and linked notebooks that connect themselves when opened. Each ends with a bridge, the link written into
// the notebook and Cluster Pass's kernel selected for it. Everything VS Code does is injected, so the flow is
// tested in plain Node (test/unit/notebook-flow.test.ts); src/vscode/jupyter.ts wires it.
import type { Chooser } from '../credentials/choose';
import { methodsFor, notebookMethodsFor } from '../services/methods';
import type { CredentialInput, CredentialMethod, Target } from '../services/types';
import type { Logger } from '../tree/targetTree';
import { planAutoConnect } from './autoConnect';
import { describeChanges, inputChanges } from './inputChanges';
import type { BridgeConnection, BridgeManager } from './manager';
import { linkFor, targetFromLink, type NotebookLink } from './notebookMetadata';
import type { RecentLinks } from './recentLinks';
import { l10n } from '../l10n';

/** What the flow reads of a notebook (vscode.NotebookDocument). */
export interface NotebookRef {
  readonly uri: { readonly path: string; toString(): string };
  readonly notebookType: string;
  readonly metadata: unknown;
}

export interface NotebookFlowDeps<N extends NotebookRef> {
  readonly manager: Pick<BridgeManager, 'connect' | 'get' | 'keyFor'>;
  readonly recent: Pick<RecentLinks, 'remember'>;
  readonly chooser: Pick<Chooser, 'target' | 'method' | 'input'>;
  /** Every credential method (loads the AWS bundle). */
  loadMethods(): Promise<readonly CredentialMethod[]>;
  /** Targets listed in the view: a link's target is taken from there when loaded (its details are current). */
  loadedTargets(): Target[];
  /** The notebook type Cluster Pass connects. */
  readonly notebookType: string;
  workspaceTrusted(): boolean;
  autoConnectSetting(): boolean;
  /** Records the link in the notebook (so it connects itself when opened again). */
  writeLink(notebook: N, link: NotebookLink): Promise<unknown>;
  /** Selects Cluster Pass's kernel for the bridge in the notebook. */
  attach(notebook: N, connection: BridgeConnection): Promise<unknown>;
  /** A bridge to another HTTP API: says so and offers its clients' settings. */
  offerClientConfig(connection: BridgeConnection): void;
  /** The path every credential failure takes (CredentialService.report); 'retry' when the user asked again. */
  report(error: unknown, target: Target, method: CredentialMethod, input: CredentialInput, wording: (explained: string) => string): Promise<'retry' | undefined>;
  /** An information message. */
  tell(message: string): void;
  readonly log: Logger;
}

export class NotebookFlow<N extends NotebookRef> {
  private readonly autoConnecting = new Set<string>();

  constructor(private readonly deps: NotebookFlowDeps<N>) {}

  /** The user's choice connected and selected in the notebook; undefined when the user backed out or it failed. */
  async connectChosen(notebook: N): Promise<BridgeConnection | undefined> {
    const c = await this.pickAndConnect();
    if (c) await this.linkAndAttach(notebook, c);
    return c;
  }

  /**
   * Target, method and inputs, then connect. Undefined when the user backed out (or it failed: reported). Inputs
   * typed for a target and role whose bridge already runs take effect (a new session under the same bridge), and
   * the user is told.
   */
  async pickAndConnect(): Promise<BridgeConnection | undefined> {
    const methods = (await this.deps.loadMethods()).filter((m) => m.jupyterUpstream);
    // Endpoints that serve other clients (Spark Connect) are not offered; their reason is said when nothing else is.
    const target = await this.deps.chooser.target({
      usable: (t) => notebookMethodsFor(methods, t).length > 0,
      offerListEverything: false,
      includeInactive: false,
      listingTitle: l10n.t('Listing clusters and endpoints in every profile and region'),
      nothingFound: (listed) => {
        const refused = listed.map((t) => methodsFor(methods, t).map((m) => m.notebookRefusal?.(t)).find(Boolean)).find(Boolean);
        return l10n.t('Cluster Pass found no cluster or endpoint it can connect a notebook to.') + (refused ? ` ${refused}` : '');
      },
    });
    if (!target) return undefined;
    const method = await this.deps.chooser.method(notebookMethodsFor(methods, target), { title: l10n.t('Connect {0}', target.name), placeHolder: l10n.t('Which credentials?') });
    if (!method) return undefined;
    const input = await this.deps.chooser.input(method, target);
    if (!input) return undefined;
    return this.connectTyped(target, method, input);
  }

  /** A recent target chosen in the Jupyter extension's picker, for the picker's notebook. */
  async reconnect(notebook: N, link: NotebookLink): Promise<void> {
    await this.connectLinked(notebook, link, (c) => this.linkAndAttach(notebook, c), () => this.reconnect(notebook, link));
  }

  /** An opened notebook that names a Cluster Pass target connects without prompts (trusted workspace, setting on). */
  async autoConnect(notebook: N): Promise<void> {
    const plan = planAutoConnect({
      notebookType: notebook.notebookType,
      expectedType: this.deps.notebookType,
      metadata: notebook.metadata,
      workspaceTrusted: this.deps.workspaceTrusted(),
      autoConnectSetting: this.deps.autoConnectSetting(),
    });
    if (!plan.connect) {
      if (plan.reason === 'untrusted-workspace') this.deps.log.info(`${notebook.uri.path} names ${plan.link?.name}, but the workspace is not trusted: not connecting.`);
      return;
    }
    const { link } = plan;
    const id = notebook.uri.toString();
    if (this.autoConnecting.has(id)) return;
    this.autoConnecting.add(id);
    try {
      this.deps.log.info(`${notebook.uri.path} names ${link.name}: connecting without prompts.`);
      await this.connectLinked(notebook, link, (c) => this.deps.attach(notebook, c), () => this.autoConnect(notebook));
    } finally {
      this.autoConnecting.delete(id);
    }
  }

  private async connectTyped(target: Target, method: CredentialMethod, input: CredentialInput): Promise<BridgeConnection | undefined> {
    const { manager } = this.deps;
    const running = manager.get(manager.keyFor(target, method, input));
    const changes = running ? inputChanges(method, running.input, input) : [];
    try {
      const c = await manager.connect(target, method, input, undefined, { applyInputs: true });
      if (c.upstreamKind === 'jupyter') await this.deps.recent.remember(linkFor(target, method, input));
      if (changes.length) {
        this.deps.log.info(`The bridge for ${target.name} was running; it now uses a new session with the inputs just entered.`);
        this.deps.tell(l10n.t('The Cluster Pass bridge for {0} keeps running and now uses a new session with {1}.', target.name, describeChanges(changes)));
      }
      return c;
    } catch (error) {
      this.reportConnect(error, target, method, input, () => this.connectTyped(target, method, input));
      return undefined;
    }
  }

  /** A connection the user made for a notebook: recorded in the notebook (so it reconnects when reopened) and selected. */
  private async linkAndAttach(notebook: N, c: BridgeConnection): Promise<void> {
    if (c.upstreamKind !== 'jupyter') {
      this.deps.offerClientConfig(c);
      return;
    }
    await this.deps.writeLink(notebook, linkFor(c.target, c.method, c.input));
    await this.deps.attach(notebook, c);
  }

  /** Connects a link (resolved once) and uses the connection; a failure of either is reported, with Retry running `retry`. */
  private async connectLinked(notebook: N, link: NotebookLink, use: (c: BridgeConnection) => Promise<unknown>, retry: () => Promise<unknown>): Promise<void> {
    const resolved = await this.resolve(link).catch((error: Error) => {
      this.deps.log.error(`Connecting ${link.name} for ${notebook.uri.path} failed: ${error.message}`);
      return undefined;
    });
    if (!resolved) return;
    const { target, method } = resolved;
    try {
      const c = await this.deps.manager.connect(target, method, link.input);
      if (c.upstreamKind === 'jupyter') await this.deps.recent.remember(link);
      await use(c);
    } catch (error) {
      this.reportConnect(error, target, method, link.input, retry);
    }
  }

  /** The link's method, and its target as listed in the view when it is (its details are current). */
  private async resolve(link: NotebookLink): Promise<{ target: Target; method: CredentialMethod }> {
    const method = (await this.deps.loadMethods()).find((m) => m.id === link.methodId && m.jupyterUpstream);
    if (!method) throw new Error(`This version of Cluster Pass has no Jupyter connection for "${link.methodId}".`);
    const target = targetFromLink(link);
    const listed = this.deps.loadedTargets().find((t) => t.kind === target.kind && t.id === target.id && t.location.profile === target.location.profile && t.location.region === target.location.region);
    return { target: listed ?? target, method };
  }

  /** Reported like a failed fetch, framed as the connect; Retry runs the connect again. Not awaited: the notification may stay. */
  private reportConnect(error: unknown, target: Target, method: CredentialMethod, input: CredentialInput, retry: () => Promise<unknown>): void {
    void this.deps.report(error, target, method, input, (explained) => l10n.t('Cluster Pass could not connect {0}: {1}', target.name, explained)).then((answer) => answer === 'retry' && retry());
  }
}
