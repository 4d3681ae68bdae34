// Builds what the workbench tests load: the extension bundle, the packaged .vsix, and the extension-host test bundle.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EXTHOST_BUNDLE, OUTPUT_DIR, REPO_ROOT, VSIX_PATH } from './paths';
import { runCommand } from './processes';

/** `node esbuild.mjs`: the development build in dist/, what an extension development path runs. */
export async function buildExtension(): Promise<void> {
  await runCommand(process.execPath, ['esbuild.mjs'], { cwd: REPO_ROOT });
}

/** `npm run package`: production build and dist-vsix/cluster-pass.vsix. Returns the .vsix path. */
export async function packageVsix(): Promise<string> {
  await runCommand('npm', ['run', 'package', '--silent'], { cwd: REPO_ROOT, env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (!existsSync(VSIX_PATH)) throw new Error(`npm run package did not produce ${VSIX_PATH}`);
  const size = statSync(VSIX_PATH).size;
  if (size >= 1024 * 1024) throw new Error(`${VSIX_PATH} is ${size} bytes; it must stay under 1 MB`);
  return VSIX_PATH;
}

/**
 * test/fixtures/language-pack-<locale> packaged as a .vsix under test-output/: a language pack that only declares the
 * language, so that code-server runs in it (`--locale` alone falls back to English without a pack for it).
 */
export async function packageTestLanguagePack(locale: string): Promise<string> {
  const folder = join(REPO_ROOT, 'test', 'fixtures', `language-pack-${locale}`);
  if (!existsSync(folder)) throw new Error(`no test language pack for "${locale}" in ${folder}`);
  const out = join(OUTPUT_DIR, `language-pack-${locale}.vsix`);
  const vsce = join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
  await runCommand(vsce, ['package', '--allow-missing-repository', '--skip-license', '--out', out], { cwd: folder });
  return out;
}

/** Newest modification time (ms) of the files `npm run package` reads. */
function newestInputMtime(): number {
  let newest = 0;
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const st = statSync(path);
    if (st.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ['src', 'media', 'l10n', 'package.json', 'package.nls.json', 'package.nls.de.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', 'esbuild.mjs', 'tsconfig.json']) visit(join(REPO_ROOT, p));
  return newest;
}

/**
 * `packageVsix()` unless dist-vsix/cluster-pass.vsix is newer than every file it is built from (src/, media/,
 * package.json, README.md, …): each workbench test file is its own process, and packaging costs seconds each.
 * CLUSTER_PASS_REPACKAGE=1 forces packaging.
 */
export async function packageVsixIfStale(): Promise<string> {
  if (process.env.CLUSTER_PASS_REPACKAGE !== '1' && existsSync(VSIX_PATH) && statSync(VSIX_PATH).mtimeMs > newestInputMtime()) return VSIX_PATH;
  return packageVsix();
}

/** Bundles an extension-host tests entry (and the tests it imports) into `outfile`, `vscode` external. */
export async function bundleExthostEntry(entry: string, outfile: string): Promise<string> {
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
    banner: { js: '/* eslint-disable */' },
  });
  return outfile;
}

/** Bundles test/exthost/index.ts (and the tests it imports) into test/exthost/out/index.js, `vscode` external. */
export function bundleExthostTests(): Promise<string> {
  return bundleExthostEntry(join(REPO_ROOT, 'test', 'exthost', 'index.ts'), EXTHOST_BUNDLE);
}
