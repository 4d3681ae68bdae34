// Deterministic ids for fixtures (seeded) and crypto-random values for anything secret.
import { randomBytes, randomUUID } from 'node:crypto';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A small seeded generator (mulberry32) so fixture ids are the same on every run. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  /** An EMR cluster id: j- and 13 upper-case alphanumerics. */
  emrClusterId(): string {
    return `j-${this.chars(UPPER_ALNUM, 13)}`;
  }

  /** EMR on EKS virtual cluster and endpoint ids: 25 lower-case alphanumerics. */
  eksId(): string {
    return this.chars(LOWER_ALNUM, 25);
  }

  uuid(): string {
    const hex = this.chars('0123456789abcdef', 32);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  }
}

/** A fresh secret: URL-safe base64 of `bytes` random bytes. */
export function secretValue(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** A fresh credential id of lower-case alphanumerics (EMR on EKS token ids match [0-9a-z]+). */
export function credentialId(length = 20): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += LOWER_ALNUM[b % LOWER_ALNUM.length];
  return out;
}

export function requestId(): string {
  return randomUUID();
}
