// Which credential a bridge sends while a freshly issued one may not have reached the upstream yet. Some services
// accept a new credential only after a short delay (a few seconds); renewals happen well before expiry, so
// the previous credential is still good for that while.
import type { IssuedCredential } from '../services/types';

const KEEP = 4;

export class SettlingCredential {
  private readonly seen: { readonly credential: IssuedCredential; readonly issuedAt: number }[] = [];

  constructor(
    private readonly settleMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Records a credential as issued at `issuedAt` (ms since the epoch); the same one again is ignored. */
  offer(credential: IssuedCredential, issuedAt: number): void {
    if (this.seen.some((e) => e.credential === credential)) return;
    this.seen.push({ credential, issuedAt });
    this.seen.sort((a, b) => a.issuedAt - b.issuedAt);
    while (this.seen.length > KEEP) this.seen.shift();
  }

  /** The newest credential that has settled and is unexpired; else the newest one. Throws before any offer. */
  current(): IssuedCredential {
    const newest = this.seen.at(-1);
    if (!newest) throw new Error('no credential yet');
    if (this.settleMs <= 0) return newest.credential;
    const now = this.clock();
    for (let i = this.seen.length - 1; i >= 0; i--) {
      const e = this.seen[i];
      if (e.issuedAt + this.settleMs <= now && e.credential.expiresAt.getTime() > now) return e.credential;
    }
    return newest.credential;
  }
}
