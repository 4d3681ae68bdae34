// A local HTTP + websocket proxy in front of one Jupyter gateway. Jupyter clients talk to
// http://127.0.0.1:PORT/ with the bridge's own token; the bridge adds the upstream credential (fetched per request
// and per upgrade, so a renewal applies at once without touching open kernel websockets), verifies the upstream's
// TLS certificate against its CA, and answers the routes a bare gateway lacks (see shim.ts).
//
// Every request passes, in order: its framing (framing.ts: method, singleton headers, a body only where the method
// has one, bounded size), who sent it (security.ts: loopback Host, no Origin, the bridge token), and its path
// (paths.ts: nothing outside the upstream's base, checked again for every request the bridge itself sends).
import * as http from 'node:http';
import type { Duplex } from 'node:stream';
import type { IssuedCredential, JupyterUpstream } from '../services/types';
import { BodyTooLargeError, checkFraming, readBody } from './framing';
import { isKernelspecsRoute, nameKernelspecs } from './kernelspecNames';
import { type BridgeLogger, loggablePath, redactingLogger } from './log';
import { PathError, forwardedQuery, rewriteLocation, splitTarget, upstreamPath } from './paths';
import { type AccessRules, checkRequest, newBridgeToken } from './security';
import { type Family, GatewayShim, type ShimAnswer } from './shim';
import { UpstreamClient, describeUpstreamError } from './upstream';

export type { BridgeLogger } from './log';

export interface BridgeOptions {
  /** Skip TLS verification of the upstream (an explicit user setting; logs a warning). Default false. */
  readonly allowInsecureTls?: boolean;
  /**
   * PEM (one or more certificates) trusted besides the system's CAs when the upstream publishes no CA of its own
   * (the file NODE_EXTRA_CA_CERTS names). Default none.
   */
  readonly extraCertificateAuthorities?: string;
  /**
   * Where the kernels run (the target's name): kernelspec display names the bridge serves name it, so no client
   * shows a remote kernel under a local kernel's name. Default: names as the upstream gives them.
   */
  readonly kernelsRunOn?: string;
  /** Timeout for the bridge's own upstream calls (shim) and for websocket handshakes, in ms. Default 30 000. */
  readonly upstreamTimeoutMs?: number;
}

/** What a Jupyter client needs; it never changes while the bridge lives. */
export interface BridgeConnectionInfo {
  readonly baseUrl: string;
  readonly token: string;
}

/** Counters for tests and the status display. */
export interface BridgeStats {
  readonly requests: number;
  readonly upgrades: number;
  readonly refused: number;
  /** Upstream answered 401/403 to a request or upgrade. */
  readonly upstreamRefusals: number;
  /** Could not reach the upstream (network, TLS). */
  readonly upstreamErrors: number;
  readonly openWebsockets: number;
}

/** Methods whose upstream requests carry no Content-Length when they have no body. */
const BODILESS_UPSTREAM = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);
const HOP_BY_HOP_RESPONSE = new Set([
  'connection', 'keep-alive', 'proxy-authenticate', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade',
  'set-cookie',
]);

export class JupyterBridge {
  /**
   * The secret clients present: `Authorization: token …` or `Bearer …`, `?token=`, and on bridges to HTTP APIs
   * (`kind: 'http'`) also as the password of HTTP Basic.
   */
  readonly token = newBridgeToken();
  private readonly log: BridgeLogger;
  private readonly upstreamClient: UpstreamClient;
  private readonly shim: GatewayShim;
  private readonly timeoutMs: number;
  private readonly acceptBasic: boolean;
  private readonly kernelsRunOn?: string;
  private readonly server: http.Server;
  private readonly sockets = new Set<Duplex>();
  private starting?: Promise<void>;
  private disposing?: Promise<void>;
  private listenPort = 0;
  private lastCredential?: IssuedCredential;
  private warnedExpiry?: number;
  private counters = { requests: 0, upgrades: 0, refused: 0, upstreamRefusals: 0, upstreamErrors: 0, openWebsockets: 0 };

  constructor(
    upstream: JupyterUpstream,
    private readonly getCredential: () => IssuedCredential,
    logger: BridgeLogger,
    options: BridgeOptions = {},
  ) {
    this.log = redactingLogger(logger, () => [this.token, ...(this.lastCredential ? [this.lastCredential.secret] : [])]);
    this.acceptBasic = (upstream.kind ?? 'jupyter') === 'http';
    this.kernelsRunOn = this.acceptBasic ? undefined : options.kernelsRunOn;
    this.timeoutMs = options.upstreamTimeoutMs ?? 30_000;
    this.upstreamClient = new UpstreamClient(upstream, () => this.credential(), {
      allowInsecureTls: options.allowInsecureTls ?? false,
      timeoutMs: this.timeoutMs,
      extraCertificateAuthorities: options.extraCertificateAuthorities,
    });
    if (options.allowInsecureTls && this.upstreamClient.base.protocol === 'https:') {
      this.log.warn(`TLS verification of ${this.upstreamDisplay} is turned off (allowInsecureTls): the upstream's identity is not checked`);
    }
    this.shim = new GatewayShim(this.upstreamClient, this.log);
    // noDelay: small websocket frames (every kernel message) go out at once instead of waiting on a delayed ACK.
    this.server = http.createServer({ noDelay: true }, (req, res) => void this.onRequest(req, res));
    this.server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => this.onUpgrade(req, socket, head));
    this.server.on('connection', (s) => this.track(s));
    // No 'clientError' listener on purpose: for a request Node's parser refuses (conflicting Content-Length and
    // Transfer-Encoding, a malformed request line or header) Node answers 400 (431 for oversized headers) unless a
    // response is already under way, and closes the connection. Nothing of such a request is forwarded.
  }

  /** Listens on 127.0.0.1 on a free port. Safe to call more than once. */
  start(): Promise<void> {
    if (this.disposing) return Promise.reject(new Error('the bridge was disposed'));
    this.starting ??= new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.server.off('error', reject);
        this.listenPort = (this.server.address() as { port: number }).port;
        this.log.info(`Jupyter bridge listening on ${this.url} for ${this.upstreamDisplay}`);
        resolve();
      });
    });
    return this.starting;
  }

  get port(): number {
    if (!this.listenPort) throw new Error('the bridge is not started');
    return this.listenPort;
  }

  /** `http://127.0.0.1:PORT/` */
  get url(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  connectionInfo(): BridgeConnectionInfo {
    return { baseUrl: this.url, token: this.token };
  }

  get isDisposed(): boolean {
    return this.disposing !== undefined;
  }

  stats(): BridgeStats {
    return { ...this.counters };
  }

  /** Stops forwarding, closes the server and every open socket (client and upstream). Idempotent. */
  dispose(): Promise<void> {
    this.disposing ??= (async () => {
      const wasListening = this.server.listening;
      const closed = new Promise<void>((resolve) => (wasListening ? this.server.close(() => resolve()) : resolve()));
      for (const s of this.sockets) s.destroy();
      this.sockets.clear();
      this.upstreamClient.destroy();
      await closed;
      if (wasListening) this.log.info(`Jupyter bridge on port ${this.listenPort} stopped`);
    })();
    return this.disposing;
  }

  private get upstreamDisplay(): string {
    const b = this.upstreamClient.base;
    return `${b.origin}${b.pathname}`;
  }

  private track(s: Duplex): void {
    this.sockets.add(s);
    s.once('close', () => this.sockets.delete(s));
  }

  /** The current credential; remembered so its secret can be redacted from any log line. */
  private credential(): IssuedCredential {
    const c = this.getCredential();
    this.lastCredential = c;
    const exp = c.expiresAt.getTime();
    if (exp < Date.now() && this.warnedExpiry !== exp) {
      this.warnedExpiry = exp;
      this.log.warn('the upstream credential has expired; the upstream will likely refuse requests until it is renewed');
    }
    return c;
  }

  // ---- REST --------------------------------------------------------------------------------------------------

  private get rules(): AccessRules {
    return { port: this.listenPort, token: this.token, acceptBasic: this.acceptBasic };
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.counters.requests++;
    const method = req.method ?? 'GET';
    const shown = `${method.slice(0, 16)} ${loggablePath(req.url)}`;
    const refuse = (status: number, reason: string): void => {
      this.counters.refused++;
      this.log.warn(`refused ${shown}: ${reason} (${status})`);
      // The connection closes after a refusal: whatever body the client sent is never read as another request.
      this.answer(req, res, { status, body: { message: `Cluster Pass bridge: ${reason}.` } }, { close: true });
    };
    try {
      if (this.disposing) return this.answer(req, res, { status: 503, body: { message: 'The Cluster Pass bridge is stopping.' } });
      const framing = checkFraming(req, false);
      if (!framing.ok) return refuse(framing.status, framing.reason);
      const { path, query, rawQuery } = splitTarget(req.url ?? '/');
      const verdict = checkRequest(req.headers, query, this.rules);
      if (!verdict.ok) return refuse(verdict.status, verdict.reason);
      const target = upstreamPath(this.upstreamClient.base.pathname, path) + forwardedQuery(rawQuery);
      const body = framing.hasBody ? await readBody(req) : undefined;

      const family = this.acceptBasic ? null : /^\/api\/(sessions|contents)(\/.*)?$/.exec(path);
      if (family && (await this.shim.serves(family[1] as Family))) {
        const json = parseJson(body);
        const rest = family[2] ?? '';
        const answer = family[1] === 'sessions'
          ? await this.shim.sessionsRoute(method, rest, json)
          : this.shim.contentsRoute(method, rest, query, json);
        return this.answer(req, res, answer);
      }
      if (this.kernelsRunOn && isKernelspecsRoute(method, path)) {
        const r = await this.upstreamClient.json('GET', target.slice(this.upstreamClient.base.pathname.length));
        return this.answer(req, res, { status: r.status, body: r.status === 200 ? nameKernelspecs(r.body, this.kernelsRunOn) : r.body });
      }
      const fallback = method !== 'GET' || this.acceptBasic ? undefined
        : path === '/api/status' ? () => this.shim.status()
        : path === '/api/me' ? () => this.shim.me()
        : path === '/api' || path === '/api/' ? () => this.shim.version()
        : undefined;
      this.forward(req, res, { target, path, body, fallback });
    } catch (e) {
      if (e instanceof PathError) return refuse(400, e.message);
      if (e instanceof BodyTooLargeError) return refuse(413, e.message);
      if (isNoCredential(e)) {
        this.log.error(`cannot forward ${shown}: no upstream credential is available`);
        return this.answer(req, res, { status: 503, body: { message: 'Cluster Pass bridge: no credential is available for the upstream yet.' } });
      }
      const why = describeUpstreamError(e, this.upstreamClient.trust);
      this.counters.upstreamErrors++;
      this.log.error(`${shown} failed: ${why}`);
      this.answer(req, res, { status: 502, body: { message: `Cluster Pass bridge: ${why}.` } });
    }
  }

  /**
   * Sends one request upstream and its response back to this client. Responses cannot reach the wrong client:
   * the upstream request carries exactly `body` with the Content-Length set here (no body at all for bodiless
   * methods), so the upstream parses exactly one request from it; Node's agent reuses a connection only after that
   * request was sent and its response read to the end; and a response cut short destroys its connection.
   */
  private forward(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    o: { target: string; path: string; body: Buffer | undefined; fallback: (() => ShimAnswer) | undefined },
  ): void {
    const method = req.method ?? 'GET';
    let headers: http.OutgoingHttpHeaders;
    try {
      headers = this.upstreamClient.headersFor(req.headers);
    } catch (e) {
      throw Object.assign(new Error('no credential'), { noCredential: true, cause: e });
    }
    if (o.body !== undefined || !BODILESS_UPSTREAM.has(method)) headers['content-length'] = o.body?.length ?? 0;
    const upReq = this.upstreamClient.request(method, o.target, headers);
    res.on('close', () => {
      if (!res.writableFinished) upReq.destroy();
    });
    upReq.on('error', (err) => {
      this.counters.upstreamErrors++;
      const why = describeUpstreamError(err, this.upstreamClient.trust);
      this.log.error(`${method} ${o.path} could not reach the upstream: ${why}`);
      if (!res.headersSent) this.answer(req, res, { status: 502, body: { message: `Cluster Pass bridge: ${why}.` } });
      else res.destroy();
    });
    upReq.on('response', (upRes) => {
      const status = upRes.statusCode ?? 502;
      if (status === 401 || status === 403) {
        this.counters.upstreamRefusals++;
        this.log.warn(`upstream refused ${method} ${o.path} (${status})`);
      }
      if (o.fallback && status === 404) {
        upRes.resume();
        return this.answer(req, res, o.fallback());
      }
      const kernelDelete = method === 'DELETE' && /^\/api\/kernels\/([^/]+)\/?$/.exec(o.path);
      if (kernelDelete && status >= 200 && status < 300) this.shim.kernelDeleted(decodeURIComponent(kernelDelete[1]));
      const out: http.OutgoingHttpHeaders = {};
      for (const [k, v] of Object.entries(upRes.headers)) {
        if (v === undefined || HOP_BY_HOP_RESPONSE.has(k)) continue;
        out[k] = k === 'location' && typeof v === 'string' ? rewriteLocation(v, this.upstreamClient.base) : v;
      }
      res.writeHead(status, out);
      upRes.pipe(res);
      upRes.on('error', () => res.destroy());
    });
    upReq.end(o.body);
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse, a: ShimAnswer, o: { close?: boolean } = {}): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const body = a.body === undefined || a.status === 204 ? '' : JSON.stringify(a.body);
    res.writeHead(a.status, {
      ...(body ? { 'content-type': 'application/json' } : {}),
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
      ...(o.close ? { connection: 'close' } : {}),
    });
    res.end(body);
    if (o.close) res.once('finish', () => req.socket.destroySoon());
    else if (!req.complete) req.resume();
  }

  // ---- websockets --------------------------------------------------------------------------------------------

  private onUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    this.counters.upgrades++;
    socket.on('error', () => socket.destroy());
    const shown = `websocket ${loggablePath(req.url)}`;
    const refuse = (status: number, message: string): void => {
      const body = JSON.stringify({ message });
      socket.end(
        `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    };
    if (this.disposing) return refuse(503, 'The Cluster Pass bridge is stopping.');
    const { path, query, rawQuery } = splitTarget(req.url ?? '/');
    const verdict = [checkFraming(req, true), checkRequest(req.headers, query, this.rules)].find((v) => !v.ok);
    if (verdict && !verdict.ok) {
      this.counters.refused++;
      this.log.warn(`refused ${shown}: ${verdict.reason} (${verdict.status})`);
      return refuse(verdict.status, `Cluster Pass bridge: ${verdict.reason}.`);
    }
    let target: string;
    let headers: http.OutgoingHttpHeaders;
    try {
      target = upstreamPath(this.upstreamClient.base.pathname, path) + forwardedQuery(rawQuery);
    } catch (e) {
      this.counters.refused++;
      this.log.warn(`refused a websocket with an unsafe path: ${(e as Error).message}`);
      return refuse(400, `Cluster Pass bridge: ${(e as Error).message}.`);
    }
    try {
      headers = this.upstreamClient.headersFor(req.headers);
    } catch {
      this.log.error(`cannot open ${shown}: no upstream credential is available`);
      return refuse(503, 'Cluster Pass bridge: no credential is available for the upstream yet.');
    }
    headers.connection = 'Upgrade';
    headers.upgrade = 'websocket';

    let upReq: http.ClientRequest;
    try {
      upReq = this.upstreamClient.request('GET', target, headers);
    } catch (e) {
      this.counters.refused++;
      this.log.warn(`refused ${shown}: ${(e as Error).message}`);
      return refuse(400, `Cluster Pass bridge: ${(e as Error).message}.`);
    }
    upReq.setTimeout(this.timeoutMs, () => upReq.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    socket.once('close', () => upReq.destroy());
    upReq.on('error', (err) => {
      this.counters.upstreamErrors++;
      const why = describeUpstreamError(err, this.upstreamClient.trust);
      this.log.error(`${shown} could not reach the upstream: ${why}`);
      if (socket.writable) refuse(502, `Cluster Pass bridge: ${why}.`);
    });
    upReq.on('response', (upRes) => {
      const status = upRes.statusCode ?? 502;
      if (status === 401 || status === 403) this.counters.upstreamRefusals++;
      this.log.warn(`upstream answered ${status} instead of opening ${shown}`);
      const chunks: Buffer[] = [];
      upRes.on('data', (c: Buffer) => chunks.push(c));
      upRes.on('end', () => {
        const body = Buffer.concat(chunks);
        const type = upRes.headers['content-type'] ?? 'text/plain';
        socket.end(Buffer.concat([
          Buffer.from(`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\nContent-Type: ${type}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`),
          body,
        ]));
      });
    });
    upReq.on('upgrade', (upRes, upSocket, upHead) => {
      upReq.setTimeout(0);
      this.track(upSocket);
      if (this.disposing || socket.destroyed) {
        upSocket.destroy();
        return;
      }
      let response = `HTTP/1.1 101 ${upRes.statusMessage ?? 'Switching Protocols'}\r\n`;
      for (let i = 0; i < upRes.rawHeaders.length; i += 2) {
        if (upRes.rawHeaders[i].toLowerCase() === 'set-cookie') continue;
        response += `${upRes.rawHeaders[i]}: ${upRes.rawHeaders[i + 1]}\r\n`;
      }
      socket.write(`${response}\r\n`);
      if (upHead.length) socket.write(upHead);
      if (head.length) upSocket.write(head);
      upSocket.setNoDelay(true);
      upSocket.setTimeout(0);
      this.counters.openWebsockets++;
      this.log.info(`${shown} opened`);
      let closed = false;
      const close = (): void => {
        if (closed) return;
        closed = true;
        this.counters.openWebsockets--;
        socket.destroy();
        upSocket.destroy();
        this.log.info(`${shown} closed`);
      };
      upSocket.on('error', close);
      upSocket.on('close', close);
      socket.on('close', close);
      socket.pipe(upSocket);
      upSocket.pipe(socket);
    });
    upReq.end();
  }
}

function isNoCredential(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { noCredential?: boolean }).noCredential === true;
}

/** A shim route's JSON body; a body that is not JSON counts as none (the route then says what it misses). */
function parseJson(body: Buffer | undefined): unknown {
  const text = body?.toString('utf8') ?? '';
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
