// `npm run l10n:export`: writes l10n/bundle.l10n.json, every message the code passes to l10n.t, with
// @vscode/l10n-dev's extractor (what `l10n-dev export` runs). test/unit/l10n.test.ts fails when the committed bundle
// differs from what this extracts, or when a translation lacks a message.
//
// Why not the `l10n-dev export` command itself: it finds `l10n.t` only in files that import l10n from 'vscode' or
// '@vscode/l10n'. Logic modules here take vscode.l10n from src/l10n.ts instead (they never import vscode as a
// value), so each file is handed to the same extractor with that import read as the 'vscode' one it stands for.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getL10nJson } from '@vscode/l10n-dev';

export const REPO = fileURLToPath(new URL('..', import.meta.url));
export const BUNDLE = join(REPO, 'l10n', 'bundle.l10n.json');

/** The source files under src/, relative to the repository. */
export function sourceFiles(dir = join(REPO, 'src')) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [relative(REPO, path)] : [];
  });
}

/** A file's text as the extractor should read it: src/l10n.ts's `l10n` is vscode.l10n. */
function asExtractorSeesIt(contents) {
  return contents.replace(/^import \{ l10n \} from '(?:\.\.?\/)+l10n';$/m, "import { l10n } from 'vscode';");
}

/** Messages of one file, or of all of src/ when no file is given: { message: message }. */
export async function extractMessages(files = sourceFiles()) {
  return getL10nJson(files.map((file) => ({ extension: extname(file), contents: asExtractorSeesIt(readFileSync(join(REPO, file), 'utf8')) })));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const messages = await extractMessages();
  const sorted = Object.fromEntries(Object.entries(messages).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(BUNDLE, JSON.stringify(sorted, null, 2) + '\n');
  console.log(`l10n: ${Object.keys(sorted).length} messages written to ${relative(REPO, BUNDLE)}`);
}
