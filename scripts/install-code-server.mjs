#!/usr/bin/env node
// Installs code-server (a real VS Code: browser workbench + Node extension host) from npm into a cache
// folder outside the repository, once per machine. A second call finds the finished install and returns at once.
//
//   node scripts/install-code-server.mjs        prints the path of the code-server entry point
//
// Recipe (see shared/docs/testing-notes.md): 4.100.3 is VS Code 1.100, the newest that runs on Node 20.
// As root its postinstall needs npm_config_unsafe_perm, a nested `npx node-gyp` needs npm_config_yes,
// @vscode/ripgrep's postinstall downloads from GitHub unless a cached tarball holding `rg` is present,
// and the kerberos native module builds from source (Debian libkrb5-dev + pkg-config).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const CHROMIUM = '/usr/bin/chromium';
const RG = '/usr/bin/rg';
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_TARBALL = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

/** Folder that holds the cached installs; CLUSTER_PASS_CACHE overrides it. */
export function cacheRoot() {
  return process.env.CLUSTER_PASS_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'cluster-pass');
}

/** Throws with a message that says what to install when a system tool the workbench tests need is missing. */
export function checkSystemTools({ needChromium = true } = {}) {
  const missing = [];
  if (!existsSync(RG)) missing.push('ripgrep (/usr/bin/rg)');
  if (needChromium && !existsSync(CHROMIUM)) missing.push('chromium (/usr/bin/chromium)');
  if (missing.length) {
    throw new Error(
      `Missing ${missing.join(' and ')}. On Debian/Ubuntu install them with:\n` +
        '  apt-get install -y --no-install-recommends chromium ripgrep libkrb5-dev pkg-config\n' +
        '(.ci/run does this for CI.)',
    );
  }
}

/**
 * Returns the path of code-server's Node entry point (`out/node/entry.js`), installing it first if needed.
 * @param {{ log?: (line: string) => void }} [options]
 */
export async function ensureCodeServer({ log = (l) => console.error(l) } = {}) {
  const root = cacheRoot();
  const dir = join(root, `code-server-${CODE_SERVER_VERSION}`);
  const entry = join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const marker = join(dir, '.installed');
  if (existsSync(marker) && existsSync(entry)) return entry;

  checkSystemTools({ needChromium: false });
  mkdirSync(root, { recursive: true });
  const release = await lock(join(root, `code-server-${CODE_SERVER_VERSION}.lock`), log);
  try {
    if (existsSync(marker) && existsSync(entry)) return entry; // another process finished it while we waited
    const staging = `${dir}.partial-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    writeFileSync(join(staging, 'package.json'), JSON.stringify({ name: 'cluster-pass-code-server-cache', private: true }) + '\n');

    // @vscode/ripgrep looks for its download in $TMPDIR/<cache>/<tarball>; give it one made from Debian's rg.
    const tmp = join(staging, '.tmp');
    mkdirSync(join(tmp, RIPGREP_CACHE), { recursive: true });
    const rgStage = join(tmp, 'rg-stage');
    mkdirSync(rgStage);
    execFileSync('cp', [RG, join(rgStage, 'rg')]);
    execFileSync('tar', ['-czf', join(tmp, RIPGREP_CACHE, RIPGREP_TARBALL), '-C', rgStage, 'rg']);

    log(`Installing code-server@${CODE_SERVER_VERSION} into ${dir} (once per machine, about 1-2 minutes)...`);
    const started = Date.now();
    const env = {
      ...process.env,
      TMPDIR: tmp,
      npm_config_unsafe_perm: 'true',
      npm_config_yes: 'true',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      npm_config_update_notifier: 'false',
    };
    const outputFile = join(root, `code-server-${CODE_SERVER_VERSION}-install.log`);
    const code = await new Promise((resolve) => {
      const child = spawn('npm', ['install', '--no-save', '--no-package-lock', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`], {
        cwd: staging,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (c) => (out += c));
      child.stderr.on('data', (c) => (out += c));
      child.on('close', (c) => {
        writeFileSync(outputFile, out);
        resolve(c ?? 1);
      });
    });
    const stagedEntry = join(staging, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
    if (code !== 0 || !existsSync(stagedEntry)) {
      const tail = readFileSync(outputFile, 'utf8').split('\n').slice(-30).join('\n');
      throw new Error(`npm install code-server@${CODE_SERVER_VERSION} failed (exit ${code}); full log: ${outputFile}\n${tail}`);
    }
    rmSync(tmp, { recursive: true, force: true });
    writeFileSync(join(staging, '.installed'), `${new Date().toISOString()}\n`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
    log(`code-server@${CODE_SERVER_VERSION} installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return entry;
  } finally {
    release();
  }
}

/** A lock folder shared by concurrent runs (a test run and the demo); a lock older than 15 minutes is stale. */
async function lock(path, log) {
  const deadline = Date.now() + 20 * 60_000;
  let told = false;
  for (;;) {
    try {
      mkdirSync(path);
      return () => rmSync(path, { recursive: true, force: true });
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      try {
        if (Date.now() - statSync(path).mtimeMs > 15 * 60_000) rmSync(path, { recursive: true, force: true });
      } catch {
        // removed by its owner meanwhile
      }
      if (!told) log(`Waiting for another code-server install (${path})...`);
      told = true;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${path}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const entry = await ensureCodeServer();
    console.log(entry);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}

export const SCRIPTS_DIR = dirname(fileURLToPath(import.meta.url));
