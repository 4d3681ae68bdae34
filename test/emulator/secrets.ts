// Every secret the emulator issued, for the token check a simulated gateway calls.
// Kept apart from the public issuedSecrets log so clearing the log does not revoke anything.
import { timingSafeEqual } from 'node:crypto';
import type { IssuedSecret } from './types';

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class SecretStore {
  private readonly secrets: IssuedSecret[] = [];

  add(secret: IssuedSecret): void {
    this.secrets.push(secret);
  }

  private live(now: Date): IssuedSecret[] {
    return this.secrets.filter((s) => Date.parse(s.expiresAt) > now.getTime());
  }

  /** A token the emulator issued (EMR on EKS session token), unexpired. */
  validToken(token: string, now = new Date()): boolean {
    return this.live(now).some((s) => s.kind === 'token' && sameText(s.secret, token));
  }

  /** `user:password` for a user name and password the emulator issued together, unexpired (user names may hold colons, e.g. IAM:alice). */
  validUserPassword(userPassword: string, now = new Date()): boolean {
    return this.live(now).some((s) => s.kind === 'password' && sameText(`${s.user ?? ''}:${s.secret}`, userPassword));
  }
}

/** Reads `Authorization: token <t>` / `Bearer <t>` / `Basic <b64 user:pass>` and checks it against the store. */
export function authorizationIsValid(header: string | undefined, store: SecretStore): boolean {
  if (!header) return false;
  const m = /^(\w+)\s+(.+)$/.exec(header.trim());
  if (!m) return false;
  const scheme = m[1].toLowerCase();
  if (scheme === 'token' || scheme === 'bearer') return store.validToken(m[2].trim());
  if (scheme === 'basic') {
    const decoded = Buffer.from(m[2].trim(), 'base64').toString('utf8');
    return decoded.includes(':') && store.validUserPassword(decoded);
  }
  return false;
}
