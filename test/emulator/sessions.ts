// Temporary AWS credentials (STS AssumeRole, the SSO portal): an ASIA… access key id, a secret access key and a
// session token, valid together until their expiration. The server accepts them for SigV4 on every service.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  /** arn:aws:sts::<account>:assumed-role/<role>/<session> */
  principalArn: string;
}

/** The first 16 hex digits of a session token's SHA-256: what the request log keeps instead of the token. */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 16);
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export type SessionCheck = { ok: true; session: TemporaryCredentials } | { ok: false; reason: 'unknown' | 'token' | 'expired' };

export class SessionBook {
  private readonly sessions = new Map<string, TemporaryCredentials>();

  /** New credentials for `principalArn`, valid for `seconds` from `now`. */
  issue(principalArn: string, seconds: number, now = new Date()): TemporaryCredentials {
    let accessKeyId: string;
    do {
      accessKeyId = `ASIA${[...randomBytes(16)].map((b) => UPPER_ALNUM[b % UPPER_ALNUM.length]).join('')}`;
    } while (this.sessions.has(accessKeyId));
    const credentials: TemporaryCredentials = {
      accessKeyId,
      secretAccessKey: randomBytes(30).toString('base64').replace(/[+/]/g, 'x'),
      // Real session tokens are long opaque base64; the SDK passes them through untouched.
      sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(96).toString('base64')}`,
      expiration: new Date(now.getTime() + seconds * 1000),
      principalArn,
    };
    this.sessions.set(accessKeyId, credentials);
    return credentials;
  }

  get(accessKeyId: string): TemporaryCredentials | undefined {
    return this.sessions.get(accessKeyId);
  }

  /** Whether a request signed with `accessKeyId` and carrying `token` (X-Amz-Security-Token) may proceed. */
  check(accessKeyId: string, token: string | undefined, now = new Date()): SessionCheck {
    const session = this.sessions.get(accessKeyId);
    if (!session) return { ok: false, reason: 'unknown' };
    if (token === undefined || !sameText(token, session.sessionToken)) return { ok: false, reason: 'token' };
    if (session.expiration.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, session };
  }
}
