// `npm run demo`: the freshly packaged extension in a real VS Code (code-server) against the AWS emulator.
//
//   npm run demo                        emulator + code-server on http://127.0.0.1:8080/, until Ctrl+C
//   npm run demo -- --port 9000         another port for code-server
//   npm run demo -- --aws               your real ~/.aws (no emulator, no config override)
//   npm run demo -- --screenshot FILE   also open it in headless Chromium, take a screenshot of the extension in
//                                       use, write FILE (PNG) and stop
//
// Runs under `node --import tsx` (see package.json) so it can reuse the TypeScript harness in test/harness/.
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AWS_ENV_TO_CLEAR, writeAwsConfig } from '../test/harness/awsConfig.ts';
import { packageVsix } from '../test/harness/build.ts';
import { startCodeServer } from '../test/harness/codeServer.ts';
import { startEmulatorProcess } from '../test/harness/emulator.ts';
import { OUTPUT_DIR } from '../test/harness/paths.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    aws: { type: 'boolean', default: false },
    screenshot: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log('usage: npm run demo -- [--port N] [--aws] [--screenshot FILE]');
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`--port must be a port number, got ${values.port}`);

const stoppers = [];
let stopping = false;
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping code-server and the emulator...`);
    void stopAll(0);
  });
}

try {
  await portIsFree(port);
  const log = (line) => console.error(line);
  log('Building and packaging the extension...');
  const vsix = await packageVsix();

  const dir = join(OUTPUT_DIR, 'demo');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });

  let env = {};
  let clearEnv = [];
  let settings = {};
  if (values.aws) {
    log('Using your own AWS configuration (~/.aws and the AWS_* environment).');
  } else {
    const emulator = await startEmulatorProcess({ port: 0, logFile: join(dir, 'emulator.log') });
    stoppers.push(() => emulator.stop());
    log(`AWS emulator: ${emulator.url} (regions ${emulator.regions.join(', ')})`);
    const aws = writeAwsConfig(join(dir, 'aws'), emulator);
    env = aws.env;
    clearEnv = AWS_ENV_TO_CLEAR;
    settings = {
      'clusterPass.profiles': aws.profiles.map((p) => p.name),
      'clusterPass.regions': emulator.regions.slice(0, 2),
    };
    log(`AWS config for the demo: ${aws.configFile} (profiles ${aws.profiles.map((p) => p.name).join(', ')})`);
  }

  const server = await startCodeServer({ port, dataDir: join(dir, 'code-server'), vsix: [vsix], env, clearEnv, settings, log });
  stoppers.push(() => server.stop());
  void server.process.exited.then((code) => {
    if (!stopping) {
      console.error(`code-server exited (${code}); log: ${server.serverLogFile}`);
      void stopAll(1);
    }
  });

  if (values.screenshot) {
    const file = resolve(values.screenshot);
    await takeScreenshot(server.url, file);
    console.log(`screenshot: ${file}`);
    await stopAll(0);
  } else {
    console.log(`Cluster Pass demo: ${server.url}`);
    console.error('Press Ctrl+C to stop.');
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  await stopAll(1);
}

/**
 * Opens the workbench in headless Chromium and uses the extension as a person would: expands the first profile,
 * its first region and the Redshift group, gets a temporary database password for the first available cluster
 * from the row's inline action (user "analyst", defaults elsewhere), then saves a PNG with the countdown showing.
 */
async function takeScreenshot(url, file) {
  const { launchBrowser } = await import('../test/harness/browser.ts');
  const { Workbench } = await import('../test/harness/workbench.ts');
  const session = await launchBrowser(url, { width: 1280, height: 800 });
  stoppers.push(() => session.close());
  await session.page.goto(url, { waitUntil: 'domcontentloaded' });
  // Only the browser part of Workbench is used: the stoppers stop the server.
  const wb = new Workbench(/** @type {any} */ ({ url }), session, session.page, '');
  await wb.ready();
  await wb.openContainer('Cluster Pass');
  const rows = wb.container().locator('[role="treeitem"]');
  const labelled = (label) => rows.filter({ has: session.page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();
  await rows.first().waitFor({ timeout: 20_000 });
  await wb.expand(rows.first()); // first profile
  const region = rows.locator('xpath=self::*[@aria-level="2"]').first();
  if (!(await labelled('Redshift').isVisible().catch(() => false))) await wb.expand(region);
  await wb.expand(labelled('Redshift'));
  const cluster = rows.filter({ hasText: 'available' }).first();
  await cluster.waitFor({ timeout: 20_000 });
  await cluster.hover();
  await cluster.locator('.action-label').first().click();
  for (let step = 0; step < 10; step++) {
    await session.page.waitForTimeout(600);
    if (!(await wb.quickInput().isVisible())) break;
    const text = await wb.quickInput().innerText();
    if (/Database user to log on/.test(text) && !(await wb.quickInputBox().inputValue())) await wb.typeInQuickInput('analyst');
    await wb.acceptQuickInput();
  }
  await wb.statusBarItem('clusterPass.countdown').waitFor({ timeout: 15_000 });
  await session.page.waitForTimeout(1500);
  mkdirSync(resolve(file, '..'), { recursive: true });
  await session.page.screenshot({ path: file });
}

function portIsFree(p) {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', () => reject(new Error(`port ${p} on 127.0.0.1 is in use: choose another with npm run demo -- --port N`)));
    probe.listen(p, '127.0.0.1', () => probe.close(() => resolvePort()));
  });
}

function fail(message) {
  console.error(message);
  process.exit(2);
}
