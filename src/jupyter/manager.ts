// One local Jupyter bridge per session (target, method, role), generic over CredentialMethod.jupyterUpstream.
// connect() fetches credentials without prompts, asks the method for its upstream, starts a bridge whose credential
// is always the store's current one, and has the renewal scheduler keep the session alive. A bridge stops when
// its session is forgotten or the manager is disposed (window closed).
import { readFile } from 'node:fs/promises';
import type { AwsApi } from '../aws/api';
import { Emitter, type Event } from '../events';
import { PREFIX, SETTINGS } from '../constants';
import type { BridgeClientConfig, CredentialInput, CredentialMethod, IssuedCredential, JupyterUpstream, Target } from '../services/types';
import type { RenewalScheduler } from '../sessions/renewal';
import { sessionKey, type Session, type SessionStore } from '../sessions/sessionStore';
import type { BridgeLogger, BridgeOptions } from './bridge';
import { inputChanges } from './inputChanges';
import { SettlingCredential } from './settle';

/** The bridge surface the manager uses (a fake in unit tests). */
export interface BridgeHandle {
  readonly url: string;
  readonly token: string;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/** Makes a bridge; production's loads dist/bridge.js first (bridgeLoader.ts), so activation never loads the bridge. */
export type BridgeFactory = (upstream: JupyterUpstream, getCredential: () => IssuedCredential, logger: BridgeLogger, options: BridgeOptions) => BridgeHandle | Promise<BridgeHandle>;

export interface BridgeManagerDeps {
  /** CredentialService.fetch: validates and fetches without prompts, stores the session. */
  fetch(target: Target, method: CredentialMethod, input: CredentialInput, signal?: AbortSignal): Promise<Session>;
  readonly store: SessionStore;
  readonly renewal: Pick<RenewalScheduler, 'track' | 'untrack'>;
  loadAws(): Promise<Pick<AwsApi, 'clientConfig'>>;
  readonly log: BridgeLogger;
  /** The machine setting clusterPass.jupyter.allowInsecureTls. */
  allowInsecureTls(): boolean;
  /**
   * A PEM file of CAs trusted, besides the system's, for upstreams that publish no CA of their own (a cluster's own
   * endpoint). The extension passes NODE_EXTRA_CA_CERTS: Node's own variable, set where VS Code starts, which no
   * workspace can change. Read at each connect, so a missing or wrong file is reported then. Empty or absent: none.
   */
  extraCaFile?(): string | undefined;
  readonly createBridge: BridgeFactory;
  /** Waits before the first use of a fresh credential (upstream `settleMs`); a test may shorten it. Default: a timer. */
  readonly delay?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** A running bridge and what it was started for. The bridge URL and token never change while it lives. */
export interface BridgeConnection {
  readonly key: string;
  readonly target: Target;
  readonly method: CredentialMethod;
  /** The inputs of the session the bridge uses now. */
  readonly input: CredentialInput;
  readonly bridge: BridgeHandle;
  readonly startedAt: number;
  /** What the bridge fronts: a Jupyter server or gateway, or another HTTP API whose clients use `clientConfigs`. */
  readonly upstreamKind: 'jupyter' | 'http';
  /** Settings that point the upstream's own clients at this bridge (from JupyterUpstream.clientConfigs). */
  readonly clientConfigs: readonly BridgeClientConfig[];
}

export class BridgeManager {
  private readonly connections = new Map<string, BridgeConnection>();
  private readonly inFlight = new Map<string, Promise<BridgeConnection>>();
  private readonly changed = new Emitter<void>();
  /** Called when the set of bridges changes (started, stopped). */
  readonly onDidChange: Event<void> = this.changed.event;
  private readonly subscription: { dispose(): void };
  private disposed = false;

  constructor(private readonly deps: BridgeManagerDeps) {
    this.subscription = deps.store.onDidChange(() => this.onStoreChange());
  }

  /** The key a connection for these would have (the session key). */
  keyFor(target: Target, method: CredentialMethod, input: CredentialInput): string {
    return sessionKey(target, method, input);
  }

  /**
   * Fetches credentials, starts the bridge and schedules renewal; an existing live bridge for the same session is
   * returned as is. With `applyInputs` (the user typed them), inputs that differ from the running session's (a new
   * duration, log context) take effect: a new session with them replaces the running one under the same bridge, so
   * kernels keep running and renewals use the new inputs. Concurrent calls for one key share one attempt; a failed
   * attempt is dropped so a retry starts anew.
   */
  connect(target: Target, method: CredentialMethod, input: CredentialInput, signal?: AbortSignal, options: { applyInputs?: boolean } = {}): Promise<BridgeConnection> {
    if (this.disposed) return Promise.reject(new Error('Cluster Pass is shutting down.'));
    if (!method.jupyterUpstream) return Promise.reject(new Error(`${method.label} cannot be used for a Jupyter connection.`));
    const refusal = method.notebookRefusal?.(target);
    if (refusal) return Promise.reject(new Error(refusal));
    const key = this.keyFor(target, method, input);
    const live = this.connections.get(key);
    const running = live && this.deps.store.get(key);
    if (live && running && !(options.applyInputs && inputChanges(method, running.input, input).length > 0)) return Promise.resolve(live);
    let attempt = this.inFlight.get(key);
    if (!attempt) {
      attempt = live && running ? this.deps.fetch(target, method, input, signal).then(() => live) : this.start(key, target, method, input, signal);
      this.inFlight.set(key, attempt);
      const drop = (): void => {
        if (this.inFlight.get(key) === attempt) this.inFlight.delete(key);
      };
      attempt.then(drop, drop);
    }
    return attempt;
  }

  get(key: string): BridgeConnection | undefined {
    return this.connections.get(key);
  }

  list(): BridgeConnection[] {
    return [...this.connections.values()];
  }

  /** Stops the bridge and its renewal (the session stays until it expires or is forgotten). */
  async disconnect(key: string): Promise<void> {
    const c = this.connections.get(key);
    if (!c) return;
    this.connections.delete(key);
    this.deps.renewal.untrack(key);
    this.emit();
    await c.bridge.dispose();
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.subscription.dispose();
    const all = [...this.connections.values()];
    this.connections.clear();
    for (const c of all) this.deps.renewal.untrack(c.key);
    await Promise.all(all.map((c) => c.bridge.dispose()));
    this.changed.dispose();
  }

  private async start(key: string, target: Target, method: CredentialMethod, input: CredentialInput, signal?: AbortSignal): Promise<BridgeConnection> {
    const old = this.connections.get(key);
    if (old) await this.disconnect(key);
    const session = await this.deps.fetch(target, method, input, signal);
    const api = await this.deps.loadAws();
    const upstream = await method.jupyterUpstream!({ location: target.location, clientConfig: api.clientConfig(target.location), signal }, target);
    const settleMs = upstream.settleMs ?? 0;
    const credentials = new SettlingCredential(settleMs);
    credentials.offer(session.credential, session.issuedAt);
    const getCredential = (): IssuedCredential => {
      const current = this.deps.store.get(key);
      if (current) credentials.offer(current.credential, current.issuedAt);
      // After a forget the bridge is being stopped; until then it keeps the credentials it saw. After a renewal it
      // keeps the previous one until the new one has settled (upstream.settleMs).
      return credentials.current();
    };
    const insecure = this.deps.allowInsecureTls();
    if (insecure) this.deps.log.warn(`${PREFIX}.${SETTINGS.allowInsecureTls} is on: the certificate of ${target.name}'s gateway is not verified.`);
    const extraCa = upstream.certificateAuthority ? undefined : await this.readCaFile();
    const wait = settleMs - (Date.now() - session.issuedAt);
    if (wait > 0) {
      this.deps.log.info(`Waiting ${Math.ceil(wait / 1000)} s for the new credential of ${target.name} to reach the cluster.`);
      await (this.deps.delay ?? sleep)(wait, signal);
    }
    const bridge = await this.deps.createBridge(upstream, getCredential, this.deps.log, { allowInsecureTls: insecure, extraCertificateAuthorities: extraCa, kernelsRunOn: target.name });
    try {
      await bridge.start();
    } catch (e) {
      await bridge.dispose();
      throw e;
    }
    if (this.disposed || !this.deps.store.get(key)) {
      await bridge.dispose();
      throw new Error(this.disposed ? 'Cluster Pass is shutting down.' : `The session for ${target.name} was forgotten while connecting.`);
    }
    const store = this.deps.store;
    const connection: BridgeConnection = {
      key, target: session.target, method, bridge, startedAt: Date.now(),
      upstreamKind: upstream.kind ?? 'jupyter', clientConfigs: upstream.clientConfigs ?? [],
      // The running session's inputs: a connect with new inputs replaces the session, not the bridge.
      get input() {
        return store.get(key)?.input ?? session.input;
      },
    };
    this.connections.set(key, connection);
    this.deps.renewal.track(key);
    this.deps.log.info(`Jupyter bridge for ${target.name} is ready; its session renews itself.`);
    this.emit();
    return connection;
  }

  /** The PEM of the extra CA file (NODE_EXTRA_CA_CERTS), or undefined when there is none. */
  private async readCaFile(): Promise<string | undefined> {
    const path = this.deps.extraCaFile?.()?.trim();
    if (!path) return undefined;
    let pem: string;
    try {
      pem = await readFile(path, 'utf8');
    } catch (e) {
      throw new Error(`NODE_EXTRA_CA_CERTS names ${path}, which cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
      throw new Error(`NODE_EXTRA_CA_CERTS names ${path}, which holds no PEM certificate (-----BEGIN CERTIFICATE-----).`);
    }
    return pem;
  }

  private onStoreChange(): void {
    for (const key of [...this.connections.keys()]) {
      if (!this.deps.store.get(key)) {
        this.deps.log.info(`The session for ${this.connections.get(key)?.target.name} was forgotten: stopping its Jupyter bridge.`);
        void this.disconnect(key);
      }
    }
  }

  private emit(): void {
    this.changed.fire();
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
