// The leak scan's self-test: a planted secret IS found, raw in text and in binary (a SQLite database, a
// SQLite-like page), percent-encoded, JSON-escaped and inside base64 at every alignment; nothing is reported
// where there is nothing; the record is excluded; old files are skipped only outside the run's root; and a
// folder a test removes under the run's root (keep-temp.mjs) is still scanned.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { formsOf, readSecretRecord, scanPaths, SecretMatcher } from './scan';

const dir = mkdtempSync(join(tmpdir(), 'cluster-pass-leak-selftest-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A secret like the emulator's (base64url of 32 random bytes), and one with characters that encodings change. */
const plain = randomBytes(32).toString('base64url');
const awkward = `p/w+${randomBytes(12).toString('base64')}"&=?é`;

function write(name: string, data: string | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, data);
  return file;
}

function found(file: string, secrets: string[]) {
  return scanPaths([file], secrets).hits.map((h) => `${h.secret}:${h.form}`);
}

test('raw in a log line is found, with its byte offset', () => {
  const file = write('exthost.log', `2025-01-01 [info] fetched ok\n2025-01-01 [info] header token ${plain} sent\n`);
  const r = scanPaths([file], [plain]);
  assert.equal(r.hits.length, 1);
  assert.equal(r.hits[0].form, 'raw');
  assert.equal(r.hits[0].offset, Buffer.from(`2025-01-01 [info] fetched ok\n2025-01-01 [info] header token `).length);
});

test('raw inside a binary SQLite-like page (state.vscdb) is found', () => {
  const page = Buffer.concat([
    Buffer.from('SQLite format 3\0', 'latin1'),
    randomBytes(3000),
    Buffer.from([0x0d, 0x00, 0x00, 0x00, 0x01, 0x0f, 0x8a]),
    Buffer.from(`clusterpass.clusterPass{"last":"${plain}"}`),
    randomBytes(1000),
  ]);
  assert.deepEqual(found(write('state.vscdb', page), [plain]), ['0:raw']);
});

test('raw inside a real SQLite database is found (when the sqlite3 tool is installed)', (t) => {
  if (spawnSync('sqlite3', ['-version']).status !== 0) return t.skip('no sqlite3 on this machine');
  const db = join(dir, 'real.vscdb');
  execFileSync('sqlite3', [db, `CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB); INSERT INTO ItemTable VALUES ('clusterpass.sessions', '{"s":"${plain}"}');`]);
  assert.deepEqual(found(db, [plain]), ['0:raw']);
});

test('percent-encoded and JSON-escaped forms of a secret with reserved characters are found', () => {
  assert.ok(found(write('url.txt', `GET /cb?x=1&password=${encodeURIComponent(awkward)}&y=2`), [awkward]).includes('0:percent'));
  assert.ok(found(write('settings.json', JSON.stringify({ 'clusterPass.x': awkward })), [awkward]).includes('0:json'));
});

test('inside base64 at each of the three alignments (a Basic header of user:password), standard and URL-safe', () => {
  for (const prefix of ['IAM:a:', 'IAM:ab:', 'IAM:abc:']) {
    const header = `Authorization: Basic ${Buffer.from(`${prefix}${plain}`).toString('base64')}`;
    assert.ok(found(write('basic.txt', header), [plain]).includes('0:base64'), `prefix ${prefix}`);
    const url = Buffer.from(`${prefix}${awkward}`).toString('base64url');
    assert.ok(found(write('b64url.txt', `x=${url}`), [awkward]).some((f) => f.startsWith('0:base64')), `url-safe, prefix ${prefix}`);
  }
});

test('nothing is reported where there is no secret, and a near miss is not a hit', () => {
  const other = randomBytes(32).toString('base64url');
  const nearMiss = `${plain.slice(0, -1)}${plain.endsWith('A') ? 'B' : 'A'}`;
  assert.deepEqual(found(write('clean.txt', `token ${other}\n${nearMiss}\n`), [plain]), []);
  assert.deepEqual(new SecretMatcher([]).find(Buffer.from(plain)), []);
});

test('the record is excluded; old files are skipped except under the run root', () => {
  const sub = join(dir, 'tree');
  mkdirSync(join(sub, 'root'), { recursive: true });
  const record = join(sub, 'secrets.jsonl');
  writeFileSync(record, `${JSON.stringify({ secret: plain, kind: 'token' })}\n`);
  const old = join(sub, 'old.txt');
  writeFileSync(old, plain);
  const past = new Date(Date.now() - 3600_000);
  utimesSync(old, past, past);
  const oldUnderRoot = join(sub, 'root', 'old.txt');
  writeFileSync(oldUnderRoot, plain);
  utimesSync(oldUnderRoot, past, past);
  const r = scanPaths([sub], readSecretRecord(`${JSON.stringify({ secret: plain })}\n\n`), {
    exclude: [record],
    modifiedSince: Date.now() - 60_000,
    alwaysUnder: [join(sub, 'root')],
  });
  assert.deepEqual(r.hits.map((h) => h.file), [oldUnderRoot]);
});

test('every form is at least an anchor long and distinct', () => {
  const forms = formsOf(awkward, 0);
  assert.ok(forms.length >= 5);
  assert.equal(new Set(forms.map((f) => f.text)).size, forms.length);
});

test('a folder removed under the run root (keep-temp.mjs preload) is moved aside and still scanned', () => {
  const root = join(dir, 'run-root');
  mkdirSync(root);
  const script = `
    const fs = require('node:fs'); const { rmSync } = require('node:fs'); const path = require('node:path');
    const d = path.join(${JSON.stringify(root)}, 'sim'); fs.mkdirSync(d);
    fs.writeFileSync(path.join(d, 'nginx.log'), 'Authorization: token ${plain}');
    rmSync(d, { recursive: true, force: true });
    if (fs.existsSync(d)) throw new Error('still there');
    fs.promises.rm(path.join(${JSON.stringify(root)}, 'missing'), { force: true }).then(() => process.exit(0));`;
  const child = spawnSync(process.execPath, ['--import', resolve(__dirname, 'keep-temp.mjs'), '-e', script], {
    env: { ...process.env, CLUSTER_PASS_LEAK_ROOT: root },
    encoding: 'utf8',
  });
  assert.equal(child.status, 0, child.stderr);
  const r = scanPaths([root], [plain]);
  assert.equal(r.hits.length, 1);
  assert.match(r.hits[0].file, /removed[/\\]\d+-\d+-\d+-sim[/\\]nginx\.log$/);
});
