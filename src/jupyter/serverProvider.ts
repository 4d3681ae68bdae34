// The Jupyter extension's "Cluster Pass" kernel source (a server collection). Its commands are the way in: "Connect to
// a cluster through Cluster Pass…" and one "Reconnect …" per recently used target. Each runs for the notebook the
// picker was opened on: connect, record the link in that notebook, select Cluster Pass's own kernel for it. That
// kernel is the one entry per endpoint and kernel (README, "Jupyter notebooks"), so no server is handed to the
// Jupyter extension: the collection lists none, and a command ends the picker with the contract's CancellationError
// once the notebook is connected. Nothing here fetches a credential unless the user picked a command: listing does
// not, and resolving only returns a bridge that already runs.
import type { CancellationToken, Uri } from 'vscode';
import type {
  JupyterServer,
  JupyterServerCommand,
  JupyterServerCommandProvider,
  JupyterServerProvider,
} from '@vscode/jupyter-extension';
import { Emitter, type Event } from '../events';
import { describeInput } from '../services/sessionIdentity';
import { l10n } from '../l10n';
import type { CredentialMethod } from '../services/types';
import { sessionKey } from '../sessions/sessionStore';
import type { BridgeConnection } from './manager';
import { targetFromLink, type NotebookLink } from './notebookMetadata';

export const COLLECTION_ID = 'cluster-pass';
export const COLLECTION_LABEL = 'Cluster Pass';
export const CONNECT_COMMAND_LABEL = 'Connect to a cluster through Cluster Pass…';
export const RECONNECT_PREFIX = 'Reconnect ';

export interface ServerProviderDeps {
  readonly manager: {
    get(key: string): BridgeConnection | undefined;
    onDidChange(listener: () => void): { dispose(): void };
  };
  /** Recently used Jupyter targets (non-secret links), newest first. */
  recent(): readonly NotebookLink[];
  /** The user picked a recent target: connect it for the picker's notebook (link + Cluster Pass kernel). */
  connectRecent(link: NotebookLink): Promise<void>;
  /** The user picked the connect command: target, method and role prompts, then the same as connectRecent. */
  pickAndConnect(): Promise<void>;
  /** vscode.CancellationError: what ends the Jupyter extension's picker without showing it again. */
  pickerDone(): Error;
  parseUri(value: string): Uri;
  /** Service-specific wording for the command entry, when a module offers one. */
  readonly commandLabel?: string;
}

/** The server id for a link: the same as its session key, so a recent entry and its running bridge coincide. */
export function linkKey(link: NotebookLink): string {
  return sessionKey(targetFromLink(link), { id: link.methodId } as CredentialMethod, link.input);
}

function role(method: Pick<CredentialMethod, 'id'>, input: Readonly<Record<string, unknown>>): string {
  const who = describeInput(method, input);
  return who ? ` as ${who}` : '';
}

/** "notebooks-gateway as Role (demo, us-east-1)": what a recent target or a bridge is called in a picker. */
export function linkLabel(link: NotebookLink): string {
  return `${link.name}${role({ id: link.methodId }, link.input)} (${link.profile}, ${link.region})`;
}

interface ClusterPassCommand extends JupyterServerCommand {
  readonly link?: NotebookLink;
}

export class ClusterPassServerProvider implements JupyterServerProvider, JupyterServerCommandProvider {
  private readonly changed = new Emitter<void>();
  private readonly subscription: { dispose(): void };

  constructor(private readonly deps: ServerProviderDeps) {
    this.subscription = deps.manager.onDidChange(() => this.fire());
  }

  /** vscode.Event<void> without importing vscode. */
  readonly onDidChangeServers: Event<void> = this.changed.event;

  fire(): void {
    this.changed.fire();
  }

  /** None: a notebook connected through Cluster Pass runs on Cluster Pass's kernel, not on a Jupyter-extension server. */
  provideJupyterServers(_token?: CancellationToken): JupyterServer[] {
    return [];
  }

  /** A bridge that runs (for a server remembered from an older version); never a fetch. */
  resolveJupyterServer(server: JupyterServer, _token?: CancellationToken): JupyterServer {
    const live = this.deps.manager.get(server.id);
    if (live?.upstreamKind === 'jupyter') return this.serverFor(live);
    throw new Error(l10n.t('Cluster Pass has no running connection for "{0}". Use "{1}" in the kernel picker; it connects only when you choose it.', server.label, this.commandLabel));
  }

  provideCommands(_value?: string, _token?: CancellationToken): ClusterPassCommand[] {
    return [
      { label: this.commandLabel, description: l10n.t('Fetch a session and start a local bridge that renews it') },
      ...this.deps.recent().map((link) => ({ label: `${RECONNECT_PREFIX}${linkLabel(link)}`, description: l10n.t('recently used'), link })),
    ];
  }

  /** Runs the user's choice for the picker's notebook, then ends the picker (the notebook has its kernel now, or the user backed out). */
  async handleCommand(command: JupyterServerCommand, _token?: CancellationToken): Promise<JupyterServer | undefined> {
    const link = (command as ClusterPassCommand).link ?? this.deps.recent().find((l) => command.label === `${RECONNECT_PREFIX}${linkLabel(l)}`);
    if (link) await this.deps.connectRecent(link);
    else await this.deps.pickAndConnect();
    throw this.deps.pickerDone();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private get commandLabel(): string {
    // English in CONNECT_COMMAND_LABEL; written out here so that the l10n export finds it.
    return this.deps.commandLabel ?? l10n.t('Connect to a cluster through Cluster Pass…');
  }

  /** The bridge's URL and token: constant for the bridge's life. */
  serverFor(c: BridgeConnection): JupyterServer {
    return {
      id: c.key,
      label: `${c.target.name}${role(c.method, c.input)} (${c.target.location.profile}, ${c.target.location.region})`,
      connectionInformation: { baseUrl: this.deps.parseUri(c.bridge.url), token: c.bridge.token },
    };
  }
}
