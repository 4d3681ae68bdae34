// activation_bundle_bytes and vsix_bytes: `npm run package` (production build + vsce) in a private copy of the working
// tree, so a development build another process writes into dist/ at the same time cannot end up in what is measured.
import { cpSync, existsSync, mkdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { OUTPUT_DIR, REPO_ROOT } from '../test/harness/paths';
import { runCommand } from '../test/harness/processes';
import { failed, measurement, type Measurement, type Spec } from './lib';

export const SPECS = {
  bundle: { key: 'activation_bundle_bytes', unit: 'bytes', comparison: 'max', limit: 150 * 1024 },
  vsix: { key: 'vsix_bytes', unit: 'bytes', comparison: 'max', limit: 1024 * 1024 },
  /** At least 30 % below LAZY_BUNDLE_BEFORE. */
  lazy: { key: 'lazy_bundle_bytes', unit: 'bytes', comparison: 'max', limit: Math.floor(0.7 * 1_391_081) },
} as const satisfies Record<string, Spec>;

/**
 * dist/aws.js before issue 14 (minified, but CommonJS `main` builds, which esbuild cannot tree-shake, and two
 * @smithy/core copies), and after each step, measured with the same production build.
 */
const LAZY_BUNDLE_HISTORY = { before: 1_391_081, one_smithy_core_only: 1_352_136, es_modules_tree_shaken: 820_741 };

export interface Packaged {
  /** The copy's root: dist/extension.js, dist/aws.js and package.json as packaged. */
  readonly root: string;
  readonly vsix: string;
}

/** Copies the tracked and untracked-but-not-ignored files to test-output/bench/pkg (node_modules linked) and packages there. */
export async function packageCopy(): Promise<Packaged> {
  const root = join(OUTPUT_DIR, 'bench', 'pkg');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    if (f.startsWith('node_modules/') || f.startsWith('test-output/')) continue;
    if (!existsSync(join(REPO_ROOT, f))) continue; // deleted in the working tree
    cpSync(join(REPO_ROOT, f), join(root, f), { recursive: true });
  }
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  await runCommand('npm', ['run', 'package', '--silent'], { cwd: root, env: { ...process.env, npm_config_update_notifier: 'false' } });
  const vsix = join(root, 'dist-vsix', 'cluster-pass.vsix');
  if (!existsSync(vsix)) throw new Error(`npm run package produced no ${vsix}`);
  return { root, vsix };
}

export function sizeMeasurements(packaged: Packaged | Error): Measurement[] {
  const howBundle = 'bytes of dist/extension.js (the `main` loaded at activation) from `node esbuild.mjs --production`, built by `npm run package` in a private copy of the working tree';
  const howVsix = 'bytes of dist-vsix/cluster-pass.vsix from `npm run package` in the same copy';
  const howLazy = 'bytes of dist/aws.js (the AWS SDK bundle required on first use) from the same production build: minified, one @smithy/core (npm overrides), ES module builds so esbuild tree-shakes unused commands and schemas; target at least 30 % below the 1,391,081 bytes before';
  if (packaged instanceof Error) return [failed(SPECS.bundle, packaged, howBundle), failed(SPECS.vsix, packaged, howVsix), failed(SPECS.lazy, packaged, howLazy)];
  const bundle = statSync(join(packaged.root, 'dist', 'extension.js')).size;
  const aws = statSync(join(packaged.root, 'dist', 'aws.js')).size;
  const vsix = statSync(packaged.vsix).size;
  return [
    measurement(SPECS.bundle, bundle, howBundle, { lazy_aws_bundle_bytes: aws }),
    measurement(SPECS.vsix, vsix, howVsix),
    measurement(SPECS.lazy, aws, howLazy, { ...LAZY_BUNDLE_HISTORY, below_before_percent: Math.round((1 - aws / LAZY_BUNDLE_HISTORY.before) * 1000) / 10 }),
  ];
}
