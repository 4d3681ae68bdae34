// Who may use a bridge: the per-bridge token (as `token`/`Bearer`, `?token=`, or, on bridges to HTTP APIs
// whose clients know only Basic, the password of HTTP Basic), the loopback Host guard and the Origin guard (none).
// Pure functions over request headers, so they are unit-tested without sockets.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** 32 random bytes as hex: the secret a Jupyter client presents to the bridge. */
export function newBridgeToken(): string {
  return randomBytes(32).toString('hex');
}

/** Constant-time comparison of a presented token with the bridge's token (any length). */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  // Compare against a same-length buffer so the time does not depend on where the strings differ.
  if (a.length !== b.length) {
    timingSafeEqual(b, b);
    return false;
  }
  return timingSafeEqual(a, b);
}

/**
 * The token a Jupyter client sent: `Authorization: token <t>` (REST from @jupyterlab/services and the Jupyter
 * extension), `Authorization: Bearer <t>`, or the `token` query parameter (their kernel websockets).
 */
export function presentedToken(headers: IncomingHttpHeaders, query: URLSearchParams): string | undefined {
  const auth = headers.authorization;
  if (auth) {
    const m = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1];
  }
  const q = query.get('token');
  return q === null || q === '' ? undefined : q;
}

/**
 * The password of an `Authorization: Basic` header (RFC 7617; any user name), for clients that only know user and
 * password: they send the bridge token as the password.
 */
export function presentedBasicPassword(headers: IncomingHttpHeaders): string | undefined {
  const m = /^basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(headers.authorization ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const password = decoded.slice(colon + 1);
  return password === '' ? undefined : password;
}

/** DNS-rebinding guard: the Host a loopback client sends, and nothing else. */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const h = host.toLowerCase();
  return h === `127.0.0.1:${port}` || h === `localhost:${port}`;
}

/**
 * Only clients that send no Origin (Node clients: the extension host, the Jupyter extension, a Jupyter server as
 * gateway client, curl). A web page's request always carries one, and no setting allows any.
 */
export function originAllowed(origin: string | undefined): boolean {
  return origin === undefined;
}

export type Verdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly status: 401 | 403; readonly reason: string };

export interface AccessRules {
  readonly port: number;
  readonly token: string;
  /** Also accept the token as the password of HTTP Basic (bridges to HTTP APIs whose clients know only Basic). */
  readonly acceptBasic: boolean;
}

/** The checks every request and websocket upgrade passes before anything is forwarded, in this order. */
export function checkRequest(headers: IncomingHttpHeaders, query: URLSearchParams, rules: AccessRules): Verdict {
  if (!hostAllowed(headers.host, rules.port)) return { ok: false, status: 403, reason: 'Host is not the loopback address of this bridge' };
  if (!originAllowed(headers.origin)) return { ok: false, status: 403, reason: 'requests from web pages (with an Origin header) are not accepted' };
  const presented = presentedToken(headers, query) ?? (rules.acceptBasic ? presentedBasicPassword(headers) : undefined);
  if (!tokenMatches(presented, rules.token)) return { ok: false, status: 401, reason: 'missing or wrong bridge token' };
  return { ok: true };
}
