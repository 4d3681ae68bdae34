// Raw HTTP/1.1 on a socket, for tests that must control every byte a client sends (framing, duplicate headers,
// request lines no client library would write), and a recording gateway that keeps every byte it receives.
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import * as net from 'node:net';

export interface RawResponse {
  /** The first response's status, or 0 when the connection closed without one. */
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Everything the server sent on the connection (all responses). */
  readonly raw: string;
}

/**
 * Writes `bytes` on a new connection to 127.0.0.1:`port` and reads the first response: to its Content-Length, or
 * until the server closes the connection or stays quiet for `idleMs`.
 */
export function sendRaw(port: number, bytes: string | Buffer, o: { idleMs?: number; wantResponses?: number } = {}): Promise<RawResponse> {
  const idleMs = o.idleMs ?? 1500;
  const want = o.wantResponses ?? 1;
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let raw = Buffer.alloc(0);
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseFirst(raw.toString('latin1')));
    };
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(finish, idleMs);
    };
    socket.on('connect', () => {
      socket.write(bytes);
      arm();
    });
    socket.on('data', (d: Buffer) => {
      raw = Buffer.concat([raw, d]);
      if (completeResponses(raw.toString('latin1')) >= want) finish();
      else arm();
    });
    socket.on('error', finish);
    socket.on('close', finish);
  });
}

/** Interim 1xx responses (100 Continue) come before the final one and have no body. */
function withoutInterim(raw: string): string {
  return raw.replace(/^(?:HTTP\/1\.[01] 1\d\d[^\r\n]*\r\n(?:[^\r\n]+\r\n)*\r\n)+/, '');
}

function parseFirst(all: string): RawResponse {
  const raw = withoutInterim(all);
  const m = /^HTTP\/1\.[01] (\d{3})[^\r\n]*\r\n/.exec(raw);
  if (!m) return { status: 0, headers: {}, body: '', raw };
  const headEnd = raw.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of raw.slice(m[0].length, headEnd < 0 ? undefined : headEnd).split('\r\n')) {
    const c = line.indexOf(':');
    if (c > 0) headers[line.slice(0, c).trim().toLowerCase()] = line.slice(c + 1).trim();
  }
  const rest = headEnd < 0 ? '' : raw.slice(headEnd + 4);
  const length = Number(headers['content-length']);
  return { status: Number(m[1]), headers, body: Number.isFinite(length) ? rest.slice(0, length) : rest, raw };
}

/** How many complete responses with a Content-Length `raw` holds. */
function completeResponses(all: string): number {
  const raw = withoutInterim(all);
  let n = 0;
  let at = 0;
  for (;;) {
    const headEnd = raw.indexOf('\r\n\r\n', at);
    if (headEnd < 0) return n;
    const head = raw.slice(at, headEnd);
    const cl = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!cl) return n;
    const end = headEnd + 4 + Number(cl[1]);
    if (raw.length < end) return n;
    n++;
    at = end;
  }
}

/** One request as the gateway's own HTTP parser saw it. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface RecordingGateway {
  /** `http://127.0.0.1:PORT<prefix>` */
  readonly baseUrl: string;
  /** Every request the gateway parsed, in order. */
  readonly requests: RecordedRequest[];
  /** Every byte received, over all connections. */
  rawBytes(): string;
  stop(): Promise<void>;
}

/**
 * A Jupyter-like gateway under `prefix` (kernelspecs, kernels; no sessions or contents, so the bridge's shim serves
 * those) behind a TCP front that records every byte, so a test sees exactly what left the bridge. Each JSON answer
 * echoes the request's `x-probe` header, so a client can tell its own response from someone else's.
 */
export async function startRecordingGateway(prefix = '/endpoints/sim/'): Promise<RecordingGateway> {
  const requests: RecordedRequest[] = [];
  const chunks: Buffer[] = [];
  const kernels = new Map<string, { id: string; name: string }>();
  const gateway = http.createServer((req, res) => {
    const body: Buffer[] = [];
    req.on('data', (c: Buffer) => body.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(body) });
      const probe = req.headers['x-probe'] ?? null;
      const send = (status: number, value: Record<string, unknown> | unknown[]): void => {
        const text = JSON.stringify(Array.isArray(value) ? value : { ...value, probe });
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      };
      const path = (req.url ?? '').split('?')[0];
      const rest = path.startsWith(prefix) ? path.slice(prefix.length - 1) : undefined;
      if (rest === '/api/kernelspecs') return send(200, { default: 'python3', kernelspecs: { python3: { name: 'python3' } } });
      if (rest === '/api/kernels' && req.method === 'GET') return send(200, [...kernels.values()]);
      if (rest === '/api/kernels' && req.method === 'POST') {
        const k = { id: randomUUID(), name: 'python3' };
        kernels.set(k.id, k);
        return send(201, k);
      }
      const m = rest === undefined ? null : /^\/api\/kernels\/([^/]+)$/.exec(rest);
      if (m && kernels.has(m[1])) {
        const k = kernels.get(m[1])!;
        if (req.method === 'DELETE') kernels.delete(m[1]);
        return send(200, k);
      }
      send(404, { message: 'not found' });
    });
  });
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
  const gatewayPort = (gateway.address() as net.AddressInfo).port;
  const sockets = new Set<net.Socket>();
  const front = net.createServer((client) => {
    const upstream = net.connect(gatewayPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.on('data', (d: Buffer) => {
      chunks.push(d);
      upstream.write(d);
    });
    upstream.pipe(client);
    const close = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
  const port = (front.address() as net.AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}${prefix}`,
    requests,
    rawBytes: () => Buffer.concat(chunks).toString('latin1'),
    async stop() {
      for (const s of sockets) s.destroy();
      gateway.closeAllConnections();
      await Promise.all([new Promise((r) => front.close(r)), new Promise((r) => gateway.close(r))]);
    },
  };
}

/** The path a server that normalizes and decodes (nginx) would serve for a request target. */
export function servedPath(url: string): string {
  const path = url.split('?')[0];
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // leave it as sent
  }
  return new URL(decoded.replace(/\\/g, '/'), 'http://x').pathname;
}
