// Leak checks: no secret the emulator issued may appear in any file a workbench run wrote (the extension's log
// files, the workbench's log folder, settings, global state, the server log).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface SecretHit {
  file: string;
  /** Which form of the secret was found ("as is", "percent-encoded", "JSON-escaped", "base64 of user:secret"). */
  form: string;
  /** The first characters of the secret, enough to tell which one without printing it whole. */
  secretPrefix: string;
}

export interface LeakCandidate {
  secret: string;
  /** The user name issued with it (for the Basic header form `base64(user:secret)`). */
  user?: string;
}

/** Every form in which a secret could plausibly be written by mistake. */
function formsOf(candidate: LeakCandidate | string): { form: string; bytes: Buffer }[] {
  const c = typeof candidate === 'string' ? { secret: candidate } : candidate;
  const forms = new Map<string, string>([['as is', c.secret]]);
  const encoded = encodeURIComponent(c.secret);
  if (encoded !== c.secret) forms.set('percent-encoded', encoded);
  const json = JSON.stringify(c.secret).slice(1, -1);
  if (json !== c.secret) forms.set('JSON-escaped', json);
  if (c.user !== undefined) forms.set('base64 of user:secret', Buffer.from(`${c.user}:${c.secret}`, 'utf8').toString('base64'));
  return [...forms].map(([form, text]) => ({ form, bytes: Buffer.from(text, 'utf8') }));
}

/** Every regular file under `dirs` (files may be given too); missing paths are skipped. */
export function filesUnder(dirs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    let st;
    try {
      st = statSync(path);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      let names: string[] = [];
      try {
        names = readdirSync(path);
      } catch {
        return;
      }
      for (const name of names) walk(join(path, name));
    } else if (st.isFile()) out.push(path);
  };
  for (const d of dirs) walk(d);
  return out;
}

/** Searches every file under `dirs` (binary files too, byte for byte) for each secret in each of its forms. */
export function findSecretsIn(dirs: readonly string[], secrets: readonly (LeakCandidate | string)[]): { hits: SecretHit[]; filesScanned: number } {
  const needles = secrets.filter((s) => (typeof s === 'string' ? s : s.secret).length >= 4).flatMap((s) => {
    const secret = typeof s === 'string' ? s : s.secret;
    return formsOf(s).map((f) => ({ ...f, secretPrefix: `${secret.slice(0, 4)}…` }));
  });
  const files = filesUnder(dirs);
  const hits: SecretHit[] = [];
  for (const file of files) {
    let content: Buffer;
    try {
      content = readFileSync(file);
    } catch {
      continue; // removed while scanning (a rotating log)
    }
    for (const n of needles) if (content.includes(n.bytes)) hits.push({ file, form: n.form, secretPrefix: n.secretPrefix });
  }
  return { hits, filesScanned: files.length };
}

/**
 * Throws, naming each file and the form found, when any secret appears in any file under `dirs`. Returns how
 * many files were scanned (so a caller can check the scan saw something).
 */
export function assertNoSecretsIn(dirs: readonly string[], secrets: readonly (LeakCandidate | string)[]): number {
  const { hits, filesScanned } = findSecretsIn(dirs, secrets);
  if (hits.length) {
    const lines = hits.map((h) => `  ${h.file}: secret ${h.secretPrefix} (${h.form})`);
    throw new Error(`${hits.length} secret leak(s) in ${filesScanned} scanned file(s):\n${lines.join('\n')}`);
  }
  return filesScanned;
}
