// The bridge's side of the upstream: its TLS trust, its credential headers, and small JSON requests the shim makes.
import * as http from 'node:http';
import * as https from 'node:https';
import { rootCertificates } from 'node:tls';
import type { IssuedCredential, JupyterUpstream } from '../services/types';
import { assertUnderBase } from './paths';

/** Network and TLS error codes turned into a sentence a user can act on. Never includes secrets. */
export function describeUpstreamError(err: unknown, trust: UpstreamTrust = 'published'): string {
  const e = err as NodeJS.ErrnoException & { code?: string };
  const code = e?.code ?? '';
  if (trust !== 'published' && UNTRUSTED_CODES.has(code)) {
    const why = code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ? 'it presents a self-signed certificate' : 'its certificate does not chain to a trusted certificate authority';
    const fix = trust === 'file'
      ? 'check that the file NODE_EXTRA_CA_CERTS names holds the CA (or the self-signed certificate) the upstream uses'
      : 'the service publishes no CA for it: start VS Code with NODE_EXTRA_CA_CERTS naming a PEM file with the CA (or the self-signed certificate) the cluster uses';
    return `the upstream's TLS certificate is not trusted: ${why} (${code}); ${fix}`;
  }
  const tls: Record<string, string> = {
    SELF_SIGNED_CERT_IN_CHAIN: 'its certificate chains to a CA other than the endpoint\'s certificate authority',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'it presents a self-signed certificate that is not the endpoint\'s certificate authority',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate does not chain to the endpoint\'s certificate authority',
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its certificate does not chain to the endpoint\'s certificate authority',
    UNABLE_TO_GET_ISSUER_CERT: 'its certificate does not chain to the endpoint\'s certificate authority',
    CERT_HAS_EXPIRED: 'its certificate has expired',
    CERT_NOT_YET_VALID: 'its certificate is not valid yet',
    ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate does not name the host in the endpoint URL',
    CERT_SIGNATURE_FAILURE: 'its certificate signature is invalid',
  };
  if (tls[code]) return `the upstream's TLS certificate is not trusted: ${tls[code]} (${code})`;
  const net: Record<string, string> = {
    ECONNREFUSED: 'the upstream refused the connection',
    ECONNRESET: 'the upstream closed the connection',
    ETIMEDOUT: 'the upstream did not answer in time',
    ENOTFOUND: 'the upstream host name does not resolve',
    EAI_AGAIN: 'the upstream host name could not be resolved (temporary DNS failure)',
    EPROTO: 'TLS handshake with the upstream failed',
  };
  if (net[code]) return `${net[code]} (${code})`;
  if (code) return `upstream request failed (${code})`;
  return 'upstream request failed';
}

const UNTRUSTED_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT',
]);

/**
 * What the upstream's certificate is checked against: the CA the service published for it, the system's CAs plus
 * the file NODE_EXTRA_CA_CERTS names, or the system's CAs alone.
 */
export type UpstreamTrust = 'published' | 'file' | 'system';

export interface UpstreamOptions {
  /** Turns TLS verification off (an explicit user setting). */
  readonly allowInsecureTls: boolean;
  /** Per-request timeout for REST calls, in ms. */
  readonly timeoutMs: number;
  /** PEM trusted besides the system's CAs when the upstream publishes no CA (the file NODE_EXTRA_CA_CERTS names). */
  readonly extraCertificateAuthorities?: string;
}

export interface SmallResponse {
  readonly status: number;
  readonly body: unknown;
}

/**
 * Headers never forwarded upstream: hop-by-hop ones, the client's identity, and the client's framing
 * (`content-length`, `transfer-encoding`, `expect`): the bridge frames every upstream request itself.
 */
const DROP_REQUEST = new Set([
  'host', 'authorization', 'cookie', 'origin', 'referer', 'connection', 'keep-alive', 'proxy-authorization',
  'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'content-length', 'expect', 'upgrade', 'http2-settings',
  'x-xsrftoken', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'forwarded',
]);

export class UpstreamClient {
  readonly base: URL;
  readonly agent: http.Agent;
  readonly trust: UpstreamTrust;
  private readonly transport: typeof http | typeof https;

  constructor(
    private readonly upstream: JupyterUpstream,
    private readonly getCredential: () => IssuedCredential,
    private readonly options: UpstreamOptions,
  ) {
    const base = new URL(upstream.baseUrl);
    if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new Error(`unsupported upstream scheme ${base.protocol}`);
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    base.search = '';
    base.hash = '';
    this.base = base;
    const extra = upstream.certificateAuthority ? undefined : options.extraCertificateAuthorities;
    this.trust = upstream.certificateAuthority ? 'published' : extra ? 'file' : 'system';
    if (base.protocol === 'https:') {
      this.transport = https;
      this.agent = new https.Agent({
        keepAlive: true,
        maxSockets: 32,
        ca: upstream.certificateAuthority ?? (extra ? [...rootCertificates, extra] : undefined),
        rejectUnauthorized: !options.allowInsecureTls,
      });
    } else {
      this.transport = http;
      this.agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
    }
  }

  /**
   * Headers for one upstream request: the client's end-to-end headers minus identity, framing and hop-by-hop ones,
   * plus the current credential's headers (fetched now, so a renewal applies to the very next request). What the
   * client's `Connection` lists is dropped too, but that can never remove what the bridge sets after it.
   */
  headersFor(clientHeaders: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
    const out: http.OutgoingHttpHeaders = {};
    const connectionListed = new Set(
      String(clientHeaders.connection ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean),
    );
    for (const [k, v] of Object.entries(clientHeaders)) {
      if (v === undefined || DROP_REQUEST.has(k) || connectionListed.has(k)) continue;
      out[k] = v;
    }
    Object.assign(out, this.upstream.headers(this.getCredential()));
    out.host = this.base.host;
    return out;
  }

  /**
   * Every request to the upstream goes through here; `path` (with its query) must stay under the base path, or
   * this throws a PathError before anything is sent.
   */
  request(method: string, path: string, headers: http.OutgoingHttpHeaders): http.ClientRequest {
    assertUnderBase(this.base.pathname, path);
    const req = this.transport.request({
      protocol: this.base.protocol,
      hostname: this.base.hostname,
      port: this.base.port || undefined,
      method,
      path,
      headers,
      agent: this.agent,
      servername: isIp(this.base.hostname) ? undefined : this.base.hostname,
    });
    // TCP_NODELAY on the upstream socket: https.Agent ignores its own noDelay option for TLS sockets (Node 20), and
    // with Nagle on, a small request or websocket frame can wait ~40 ms for the gateway's delayed ACK.
    req.setNoDelay(true);
    return req;
  }

  /** A small JSON request made by the bridge itself (the shim), relative to the upstream base (`api/kernels`). */
  json(method: string, relPath: string, body?: unknown): Promise<SmallResponse> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers = this.headersFor({ accept: 'application/json' });
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    return new Promise((resolve, reject) => {
      const req = this.request(method, this.base.pathname + relPath, headers);
      req.setTimeout(this.options.timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = undefined;
          if (text) {
            try {
              parsed = JSON.parse(text);
            } catch {
              parsed = undefined;
            }
          }
          resolve({ status: res.statusCode ?? 502, body: parsed });
        });
      });
      req.end(payload);
    });
  }

  destroy(): void {
    this.agent.destroy();
  }
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':') || host.startsWith('[');
}
