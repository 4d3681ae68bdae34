// A throwaway PostgreSQL server (Debian's postgresql) for tests with real psql: initdb in a temporary folder under
// TMPDIR (so the suite's leak scan reads its data folder and its logs), 127.0.0.1 on a free port, TCP only, SSL on
// with a certificate from a test CA (the Redshift formats ask for sslmode=require), SCRAM passwords for every user,
// nothing without SSL, and every connection and statement logged.
//
// Its clock can be moved ahead (libfaketime, preloaded into the server alone), so a password VALID UNTIL a
// credential's expiry 15 minutes away can be seen refused without waiting for it.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { runPsql } from '../emulator/postgres';
import { createTestCa, issueServerCert } from '../jupyter-sim/certs';
import { freePort } from '../jupyter-sim/ports';
import { type Managed, startProcess, waitFor } from '../jupyter-sim/processes';

const run = promisify(execFile);
const ADMIN = 'cluster_pass_admin';

export interface TestPostgres {
  readonly host: string;
  readonly port: number;
  /** postgresql://ADMIN:PASSWORD@127.0.0.1:PORT/postgres?sslmode=require: the superuser (what the emulator takes). */
  readonly adminUrl: string;
  /** The temporary folder: certificates, `data/` and its `log/`. */
  readonly dir: string;
  /** Runs a psql script as the superuser (see runPsql) and returns its unaligned output. */
  sql(script: string, vars?: Record<string, string>): Promise<string>;
  /** Sets the server's clock `seconds` ahead of the real one, for every connection from then on. */
  setClockAhead(seconds: number): Promise<void>;
  /** Everything the server logged so far. */
  serverLog(): Promise<string>;
  /** Stops the server and removes the folder. Idempotent. */
  stop(): Promise<void>;
}

/** Why this machine cannot run the server, or undefined when it can. */
export function postgresUnavailable(): string | undefined {
  if (!postgresBin()) return 'PostgreSQL server binaries (Debian postgresql) are not installed';
  if (!faketimeLibrary()) return 'libfaketime (Debian libfaketime) is not installed';
  return undefined;
}

export async function startTestPostgres(o: { databases?: readonly string[]; startTimeoutMs?: number } = {}): Promise<TestPostgres> {
  const bin = postgresBin();
  const faketime = faketimeLibrary();
  if (!bin || !faketime) throw new Error(postgresUnavailable());
  const owner = await serverUser();
  const { dir, keep } = await serverFolder(owner);
  const data = join(dir, 'data');
  const clockFile = join(dir, 'clock-offset');
  let proc: Managed | undefined;
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      await proc?.stop(5000);
      await keep();
      await rm(dir, { recursive: true, force: true });
    })();
    return stopped;
  };

  try {
    const ca = await createTestCa(dir);
    const cert = await issueServerCert(dir, ca);
    await chmod(cert.keyPath, 0o600);
    const password = randomBytes(24).toString('hex');
    const pwfile = join(dir, 'admin-password');
    await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
    await writeFile(clockFile, '+0\n', { mode: 0o644 });
    if (owner) await run('chown', ['-R', `${owner.uid}:${owner.gid}`, dir]);

    await run(join(bin, 'initdb'), ['-D', data, '-U', ADMIN, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-instructions'], {
      cwd: dir, uid: owner?.uid, gid: owner?.gid, timeout: 60_000,
    });
    await rm(pwfile);
    // SSL connections from this machine with a SCRAM password; nothing else (no Unix socket, no plain TCP).
    await writeFile(join(data, 'pg_hba.conf'), 'hostssl all all 127.0.0.1/32 scram-sha-256\n');

    const port = await freePort();
    proc = startProcess(join(bin, 'postgres'), [
      '-D', data, '-p', String(port),
      '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
      '-c', 'ssl=on', '-c', `ssl_cert_file=${cert.certPath}`, '-c', `ssl_key_file=${cert.keyPath}`,
      '-c', 'logging_collector=on', '-c', 'log_directory=log',
      '-c', 'log_connections=on', '-c', 'log_disconnections=on', '-c', 'log_statement=all',
      '-c', 'fsync=off',
    ], {
      cwd: dir,
      uid: owner?.uid,
      gid: owner?.gid,
      env: {
        PATH: process.env.PATH,
        LANG: 'C',
        TZ: 'UTC',
        LD_PRELOAD: faketime,
        FAKETIME_TIMESTAMP_FILE: clockFile,
        FAKETIME_NO_CACHE: '1',
        FAKETIME_DONT_FAKE_MONOTONIC: '1',
      },
    });
    const host = '127.0.0.1';
    const adminUrl = `postgresql://${ADMIN}:${password}@${host}:${port}/postgres?sslmode=require`;
    const sql = (script: string, vars?: Record<string, string>): Promise<string> => runPsql(adminUrl, script, vars);
    await waitFor(o.startTimeoutMs ?? 30_000, proc, 'postgres', async () => (await sql('SELECT 1;')).trim() === '1');
    for (const db of o.databases ?? []) await sql(`CREATE DATABASE :"db";`, { db });

    return {
      host,
      port,
      adminUrl,
      dir,
      sql,
      setClockAhead: (seconds) => writeFile(clockFile, `+${Math.ceil(seconds)}\n`),
      serverLog: () => readLogs(join(data, 'log')),
      stop,
    };
  } catch (e) {
    const output = proc?.output() ?? '';
    const logs = await readLogs(join(data, 'log')).catch(() => '');
    await stop();
    throw new Error(`the test PostgreSQL server did not start: ${(e as Error).message}\n${output}${logs}`.slice(0, 4000));
  }
}

/** The newest /usr/lib/postgresql/<version>/bin holding initdb (Debian keeps the server programs there). */
function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : undefined;
}

function faketimeLibrary(): string | undefined {
  const candidates = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib'].map((d) => join(d, 'faketime', 'libfaketime.so.1'));
  return candidates.find((c) => existsSync(c));
}

/**
 * The server's folder: under TMPDIR, where the leak scan reads. When the server's user cannot reach TMPDIR (a
 * checkout inside a private home folder), under /tmp instead, copied into the scan's root when the server stops.
 */
async function serverFolder(owner: { uid: number; gid: number } | undefined): Promise<{ dir: string; keep(): Promise<void> }> {
  const reachable = !owner || (await run('test', ['-x', tmpdir()], { uid: owner.uid, gid: owner.gid }).then(() => true, () => false));
  if (reachable) return { dir: await mkdtemp(join(tmpdir(), 'cluster-pass-postgres-')), keep: async () => undefined };
  const dir = await mkdtemp(join('/tmp', 'cluster-pass-postgres-'));
  const leakRoot = process.env.CLUSTER_PASS_LEAK_ROOT;
  return {
    dir,
    keep: async () => {
      if (leakRoot) await cp(dir, join(leakRoot, 'removed', `${process.pid}-${basename(dir)}`), { recursive: true });
    },
  };
}

/** PostgreSQL refuses to run as root: as root, the Debian package's `postgres` user runs it. */
async function serverUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const id = async (flag: string): Promise<number> => Number((await run('id', [flag, 'postgres'])).stdout.trim());
  return { uid: await id('-u'), gid: await id('-g') };
}

async function readLogs(dir: string): Promise<string> {
  if (!existsSync(dir)) return '';
  const names = (await readdir(dir)).sort();
  return (await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')))).join('');
}
