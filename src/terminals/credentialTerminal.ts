// What a credential terminal is made of, generic over every CredentialMethod: its environment (the method's
// terminalEnvironment), a name that shows the target and the expiry, and when to tell it the credential expired.
import type { CredentialMethod } from '../services/types';
import type { Session } from '../sessions/sessionStore';

/** setTimeout's largest delay; a later expiry is checked again then. */
export const MAX_TIMER_MS = 2_147_483_647;

export function canOpenTerminal(method: CredentialMethod): boolean {
  return typeof method.terminalEnvironment === 'function';
}

/** The environment for a session's terminal, or undefined when its method has none. Never logged or stored. */
export function terminalEnvironment(session: Session): Record<string, string> | undefined {
  const env = session.method.terminalEnvironment?.({ target: session.target, input: session.input, credential: session.credential });
  return env ? { ...env } : undefined;
}

/** `analytics-dw · until 14:32` in local time (the date too when it is not today). */
export function terminalName(targetName: string, expiresAt: Date, now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(expiresAt.getHours())}:${pad(expiresAt.getMinutes())}`;
  const sameDay = expiresAt.toDateString() === now.toDateString();
  const day = sameDay ? '' : `${expiresAt.getFullYear()}-${pad(expiresAt.getMonth() + 1)}-${pad(expiresAt.getDate())} `;
  return `${targetName} · until ${day}${time}`;
}

/** Milliseconds until the expiry notice is due, capped for setTimeout. */
export function expiryDelay(expiresAt: Date, now: number): number {
  return Math.min(MAX_TIMER_MS, Math.max(0, expiresAt.getTime() - now));
}
