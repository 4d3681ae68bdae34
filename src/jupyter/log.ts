// The bridge's logger, and the guard that keeps secrets out of it.

/** Where the bridge reports what it does. It never receives a token, a credential or a request query. */
export interface BridgeLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Wraps a logger so that any known secret that slipped into a message is replaced by `***`.
 * Messages are built from methods, paths and error codes only; this is the second line of defence.
 */
export function redactingLogger(inner: BridgeLogger, secrets: () => readonly string[]): BridgeLogger {
  const clean = (m: string): string => redact(m, secrets());
  return {
    info: (m) => inner.info(clean(m)),
    warn: (m) => inner.warn(clean(m)),
    error: (m) => inner.error(clean(m)),
  };
}

export function redact(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('***');
  return out;
}

/** A path safe to log: no query string (it may carry `token=`). */
export function loggablePath(rawUrl: string | undefined): string {
  const u = rawUrl ?? '';
  const q = u.indexOf('?');
  return q < 0 ? u : `${u.slice(0, q)}?…`;
}
