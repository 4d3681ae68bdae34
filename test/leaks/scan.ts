// The secret-leak scan: searches files for any of a list of secrets, as raw bytes (so SQLite databases such as
// state.vscdb, LevelDB files and logs are read alike) and in the encodings a secret is likely to be written in
// when it leaks: percent-encoded (URLs, form bodies), JSON-escaped, and inside base64 or base64url (an HTTP Basic
// header, a data URL), at each of the three byte alignments base64 can put it at.
//
// Fast on large trees: every form of every secret is made of a small set of characters, so the scan looks only
// at runs of those characters that are at least as long as the shortest form, and checks a 12-character anchor
// of each form at each position of those runs against a map before comparing the whole form.
import { lstatSync, readdirSync, readFileSync, type Stats } from 'node:fs';
import { join, resolve, sep } from 'node:path';

export interface SecretForm {
  /** Which secret (index into the list scanned for). */
  readonly secret: number;
  /** raw, percent, json, base64, base64url */
  readonly form: string;
  readonly text: string;
}

export interface Hit {
  readonly file: string;
  readonly secret: number;
  readonly form: string;
  readonly offset: number;
}

export interface ScanOptions {
  /** Files never scanned (the emulator's own record of what it issued). */
  readonly exclude?: readonly string[];
  /** Folder names skipped wherever they occur (node_modules, .git). */
  readonly skipDirs?: readonly string[];
  /** Only files modified at or after this time (ms since the epoch) are read; a file older than a secret cannot hold it. */
  readonly modifiedSince?: number;
  /** Folders read in full whatever their files' times. */
  readonly alwaysUnder?: readonly string[];
  /** Files larger than this are read anyway but reported in `large` (default 512 MiB: skipped beyond). */
  readonly maxFileBytes?: number;
}

export interface ScanResult {
  readonly files: number;
  readonly bytes: number;
  readonly hits: Hit[];
  /** Files that could not be read (permissions, vanished during the walk). */
  readonly unreadable: string[];
}

const ANCHOR = 12;

/** Base64 of `bytes` as it appears when preceded by `pad` other bytes: only the characters that depend on `bytes` alone. */
function base64Core(bytes: Buffer, pad: number): string {
  const encoded = Buffer.concat([Buffer.alloc(pad), bytes]).toString('base64');
  const from = Math.ceil((8 * pad) / 6);
  const to = Math.floor((8 * (pad + bytes.length)) / 6);
  return encoded.slice(from, to);
}

/** Every form of a secret the scan looks for (distinct texts only). */
export function formsOf(secret: string, index: number): SecretForm[] {
  const bytes = Buffer.from(secret, 'utf8');
  const candidates: [string, string][] = [
    ['raw', secret],
    ['percent', encodeURIComponent(secret)],
    ['json', JSON.stringify(secret).slice(1, -1)],
  ];
  for (let pad = 0; pad < 3; pad++) {
    const core = base64Core(bytes, pad);
    candidates.push(['base64', core], ['base64url', core.replace(/\+/g, '-').replace(/\//g, '_')]);
  }
  const seen = new Set<string>();
  const forms: SecretForm[] = [];
  for (const [form, text] of candidates) {
    if (text.length < ANCHOR || seen.has(text)) continue;
    seen.add(text);
    forms.push({ secret: index, form, text });
  }
  return forms;
}

function escapeClass(ch: string): string {
  return /[\]\\^-]/.test(ch) ? `\\${ch}` : ch;
}

/** A matcher for a fixed set of secrets over latin1 text (a byte per character, so offsets are byte offsets). */
export class SecretMatcher {
  private readonly anchors = new Map<string, SecretForm[]>();
  private readonly runs: RegExp;
  readonly forms: SecretForm[];

  constructor(secrets: readonly string[]) {
    this.forms = secrets.flatMap((s, i) => formsOf(s, i));
    const chars = new Set<string>();
    let minLength = Number.POSITIVE_INFINITY;
    for (const f of this.forms) {
      // Forms are matched as bytes: keep the latin1 view of their UTF-8 encoding.
      const latin = Buffer.from(f.text, 'utf8').toString('latin1');
      (f as { text: string }).text = latin;
      for (const ch of latin) chars.add(ch);
      minLength = Math.min(minLength, latin.length);
      const key = latin.slice(0, ANCHOR);
      const list = this.anchors.get(key) ?? [];
      list.push(f);
      this.anchors.set(key, list);
    }
    const cls = [...chars].map(escapeClass).join('');
    this.runs = this.forms.length ? new RegExp(`[${cls}]{${minLength},}`, 'g') : /(?!)/g;
  }

  /** Every form found in `data`, with its byte offset. */
  find(data: Buffer): { secret: number; form: string; offset: number }[] {
    if (!this.forms.length) return [];
    const text = data.toString('latin1');
    const found: { secret: number; form: string; offset: number }[] = [];
    this.runs.lastIndex = 0;
    for (let m = this.runs.exec(text); m; m = this.runs.exec(text)) {
      const run = m[0];
      for (let i = 0; i + ANCHOR <= run.length; i++) {
        const candidates = this.anchors.get(run.slice(i, i + ANCHOR));
        if (!candidates) continue;
        for (const f of candidates) if (run.startsWith(f.text, i)) found.push({ secret: f.secret, form: f.form, offset: m.index + i });
      }
    }
    return found;
  }
}

function isUnder(path: string, dirs: readonly string[]): boolean {
  return dirs.some((d) => path === d || path.startsWith(d + sep));
}

/** Walks `roots` (files or folders; symlinks are not followed) and reports every secret found. */
export function scanPaths(roots: readonly string[], secrets: readonly string[], options: ScanOptions = {}): ScanResult {
  const matcher = new SecretMatcher(secrets);
  const exclude = new Set((options.exclude ?? []).map((p) => resolve(p)));
  const skip = new Set(options.skipDirs ?? []);
  const always = (options.alwaysUnder ?? []).map((p) => resolve(p));
  const maxBytes = options.maxFileBytes ?? 512 * 1024 * 1024;
  const hits: Hit[] = [];
  const unreadable: string[] = [];
  const visited = new Set<string>();
  let files = 0;
  let bytes = 0;

  const visit = (path: string): void => {
    if (visited.has(path)) return;
    visited.add(path);
    let st: Stats;
    try {
      st = lstatSync(path);
    } catch {
      return; // vanished
    }
    if (st.isDirectory()) {
      let names: string[];
      try {
        names = readdirSync(path);
      } catch {
        unreadable.push(path);
        return;
      }
      for (const name of names) if (!skip.has(name)) visit(join(path, name));
      return;
    }
    if (!st.isFile() || exclude.has(path)) return;
    if (options.modifiedSince !== undefined && st.mtimeMs < options.modifiedSince && !isUnder(path, always)) return;
    if (st.size > maxBytes) {
      unreadable.push(`${path} (${st.size} bytes, over the limit)`);
      return;
    }
    let data: Buffer;
    try {
      data = readFileSync(path);
    } catch {
      unreadable.push(path);
      return;
    }
    files++;
    bytes += data.length;
    for (const h of matcher.find(data)) hits.push({ file: path, ...h });
  };

  for (const root of roots) visit(resolve(root));
  return { files, bytes, hits, unreadable };
}

/** The secrets in an emulator record (JSON lines of IssuedSecret), distinct, in order. */
export function readSecretRecord(text: string): string[] {
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const entry = JSON.parse(line) as { secret?: unknown };
    if (typeof entry.secret === 'string' && entry.secret !== '') out.add(entry.secret);
  }
  return [...out];
}
