// The Jupyter extension's "Cluster Pass" server collection: one server per running bridge plus recently used
// Jupyter targets; resolving one connects (fetch + bridge). The connection information is the bridge's URL and token,
// which never change while the bridge lives, so the Jupyter extension never needs a refreshed token.
import type { CancellationToken, Disposable, Uri } from 'vscode';
import type {
  JupyterServer,
  JupyterServerCommand,
  JupyterServerCommandProvider,
  JupyterServerProvider,
} from '@vscode/jupyter-extension';
import { l10n } from '../l10n';
import type { CredentialMethod } from '../services/types';
import { sessionKey } from '../sessions/sessionStore';
import type { BridgeConnection } from './manager';
import { targetFromLink, type NotebookLink } from './notebookMetadata';

export const COLLECTION_ID = 'cluster-pass';
export const COLLECTION_LABEL = 'Cluster Pass';
export const CONNECT_COMMAND_LABEL = 'Connect to a cluster through Cluster Pass…';

export interface ServerProviderDeps {
  readonly manager: {
    list(): BridgeConnection[];
    get(key: string): BridgeConnection | undefined;
    onDidChange(listener: () => void): { dispose(): void };
  };
  /** Recently used Jupyter targets (non-secret links), newest first. */
  recent(): readonly NotebookLink[];
  /** Connects a recent link without prompts (fetch with its saved input + bridge). */
  connectLink(link: NotebookLink): Promise<BridgeConnection>;
  /** The interactive flow: target, method and role prompts, then connect. Undefined when the user backed out. */
  pickAndConnect(): Promise<BridgeConnection | undefined>;
  parseUri(value: string): Uri;
  /** Service-specific wording for the command entry, when a module offers one. */
  readonly commandLabel?: string;
}

/** The server id for a link: the same as its session key, so a recent entry and its running bridge coincide. */
export function linkKey(link: NotebookLink): string {
  return sessionKey(targetFromLink(link), { id: link.methodId } as CredentialMethod, link.input);
}

function role(input: Readonly<Record<string, unknown>>): string {
  const arn = input.executionRoleArn ?? input.DbUser;
  return typeof arn === 'string' && arn ? ` as ${arn.split('/').pop()}` : '';
}

export class ClusterPassServerProvider implements JupyterServerProvider, JupyterServerCommandProvider {
  private readonly listeners = new Set<(e: void) => unknown>();
  private readonly subscription: { dispose(): void };

  constructor(private readonly deps: ServerProviderDeps) {
    this.subscription = deps.manager.onDidChange(() => this.fire());
  }

  /** vscode.Event<void> without importing vscode. */
  readonly onDidChangeServers = (listener: (e: void) => unknown, thisArgs?: unknown, disposables?: Disposable[]): Disposable => {
    const bound = thisArgs ? listener.bind(thisArgs) : listener;
    this.listeners.add(bound);
    const d = { dispose: () => void this.listeners.delete(bound) };
    disposables?.push(d as Disposable);
    return d as Disposable;
  };

  /** Tells the Jupyter extension to ask for the list again (bridges or recent targets changed). */
  fire(): void {
    for (const l of [...this.listeners]) l();
  }

  provideJupyterServers(_token?: CancellationToken): JupyterServer[] {
    // Bridges to other HTTP APIs are for those APIs' own clients, not Jupyter servers.
    const bridges = this.deps.manager.list();
    const servers: JupyterServer[] = bridges.filter((c) => c.upstreamKind === 'jupyter').map((c) => this.serverFor(c));
    const seen = new Set(bridges.map((c) => c.key));
    for (const link of this.deps.recent()) {
      const id = linkKey(link);
      if (seen.has(id)) continue;
      seen.add(id);
      servers.push({ id, label: `${link.name}${role(link.input)} (${link.profile}, ${link.region})` });
    }
    return servers;
  }

  async resolveJupyterServer(server: JupyterServer, _token?: CancellationToken): Promise<JupyterServer> {
    const live = this.deps.manager.get(server.id);
    if (live) return this.serverFor(live);
    const link = this.deps.recent().find((l) => linkKey(l) === server.id);
    if (!link) throw new Error(l10n.t('Cluster Pass no longer knows the server "{0}". Connect again with "{1}".', server.label, this.commandLabel));
    return this.serverFor(await this.deps.connectLink(link));
  }

  provideCommands(_value?: string, _token?: CancellationToken): JupyterServerCommand[] {
    return [{ label: this.commandLabel, description: l10n.t('Fetch a session and start a local bridge that renews it') }];
  }

  async handleCommand(_command: JupyterServerCommand, _token?: CancellationToken): Promise<JupyterServer | undefined> {
    const connection = await this.deps.pickAndConnect();
    return connection && connection.upstreamKind === 'jupyter' ? this.serverFor(connection) : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.listeners.clear();
  }

  private get commandLabel(): string {
    // English in CONNECT_COMMAND_LABEL; written out here so that the l10n export finds it.
    return this.deps.commandLabel ?? l10n.t('Connect to a cluster through Cluster Pass…');
  }

  /** The bridge's URL and token: constant for the bridge's life. */
  serverFor(c: BridgeConnection): JupyterServer {
    return {
      id: c.key,
      label: `${c.target.name}${role(c.input)} (${c.target.location.profile}, ${c.target.location.region})`,
      connectionInformation: { baseUrl: this.deps.parseUri(c.bridge.url), token: c.bridge.token },
    };
  }
}
