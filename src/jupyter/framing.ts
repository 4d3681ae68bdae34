// What a client request may look like on the wire before the bridge does anything with it, and how its body is
// read. The bridge never forwards the client's framing: it reads the whole body (bounded) and sends it upstream with
// a Content-Length it set itself, so no byte a client sent can be taken upstream for the start of another request.
import type { IncomingMessage } from 'node:http';

/** The largest request body the bridge reads (forwarded or answered by the shim). */
export const MAX_REQUEST_BODY = 16 * 1024 * 1024;

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Methods whose requests carry no body in Jupyter's API: one with a body is refused, never forwarded. */
const BODYLESS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);
/** Headers a request may carry once: two of them mean two parties disagree about the request. */
const SINGLETONS = [
  'host', 'authorization', 'proxy-authorization', 'content-length', 'content-type', 'transfer-encoding', 'origin',
  'upgrade', 'expect', 'x-xsrftoken', 'sec-websocket-key', 'sec-websocket-version',
];

export type FramingVerdict =
  | { readonly ok: true; readonly hasBody: boolean }
  | { readonly ok: false; readonly status: 400 | 405 | 413; readonly reason: string };

/** Why a body was not read to its end (413 to the client). */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the request body is larger than the bridge's limit of ${limit / (1024 * 1024)} MiB`);
  }
}

type RequestHead = Pick<IncomingMessage, 'method' | 'headers' | 'rawHeaders'>;

/**
 * Checks a request's method, singleton headers and body framing; for a websocket handshake (`upgrade`), that it is
 * a bodiless GET asking for `websocket` and nothing else (an `h2c` upgrade would hand the socket to another protocol).
 */
export function checkFraming(req: RequestHead, upgrade: boolean): FramingVerdict {
  const method = req.method ?? '';
  if (!METHODS.has(method)) return { ok: false, status: 405, reason: `the method ${method.slice(0, 16)} is not supported` };
  const duplicate = duplicatedSingleton(req.rawHeaders);
  if (duplicate) return { ok: false, status: 400, reason: `the request has more than one ${duplicate} header` };
  const length = req.headers['content-length'];
  const chunked = req.headers['transfer-encoding'] !== undefined;
  const hasBody = chunked || (length !== undefined && Number(length) > 0);
  if (upgrade) {
    if (method !== 'GET') return { ok: false, status: 400, reason: 'a websocket handshake must be a GET request' };
    if (String(req.headers.upgrade ?? '').toLowerCase() !== 'websocket') return { ok: false, status: 400, reason: 'only websocket upgrades are supported' };
    if (hasBody) return { ok: false, status: 400, reason: 'a websocket handshake must not carry a body' };
    return { ok: true, hasBody: false };
  }
  if (req.headers.upgrade !== undefined) return { ok: false, status: 400, reason: 'only websocket upgrades are supported' };
  if (hasBody && BODYLESS.has(method)) return { ok: false, status: 400, reason: `a ${method} request must not carry a body` };
  if (length !== undefined && Number(length) > MAX_REQUEST_BODY) {
    return { ok: false, status: 413, reason: new BodyTooLargeError(MAX_REQUEST_BODY).message };
  }
  return { ok: true, hasBody };
}

function duplicatedSingleton(rawHeaders: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    if (!SINGLETONS.includes(name)) continue;
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}

/** The whole request body, as Node decoded it from the client's framing; rejects with BodyTooLargeError past `limit`. */
export function readBody(req: IncomingMessage, limit = MAX_REQUEST_BODY): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size <= limit) chunks.push(c);
      else {
        req.off('data', onData);
        req.pause();
        reject(new BodyTooLargeError(limit));
      }
    };
    req.on('data', onData);
    req.once('error', reject);
    req.once('end', () => resolve(Buffer.concat(chunks)));
  });
}
