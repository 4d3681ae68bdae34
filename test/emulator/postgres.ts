// Redshift credentials that also exist in a real PostgreSQL server. When the emulator is started with
// `postgresUrl` (a superuser's postgresql:// URL), every database user a Redshift API issues (GetClusterCredentials
// with IAM: and IAMA: users, GetClusterCredentialsWithIAM, Serverless GetCredentials) becomes a login role there
// with the issued password, VALID UNTIL the issued expiry, and a member of its DbGroups (created as roles when
// missing; like Redshift's DbGroups, in addition to the memberships it has). Every Redshift cluster and workgroup
// then reports that server's host and port as its endpoint, so the formats the product renders reach it unchanged.
//
// The password never reaches the server in clear: it is sent as a SCRAM-SHA-256 verifier computed here (as psql's
// \password does), so neither the server's statement log nor its data folder holds an issued secret.
import { execFile } from 'node:child_process';
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type { World } from './types';

export interface DatabaseUser {
  readonly user: string;
  readonly password: string;
  /** ISO 8601 */
  readonly expiresAt: string;
  readonly groups: readonly string[];
}

export interface DatabaseEndpoint {
  readonly host: string;
  readonly port: number;
}

/** PostgreSQL's NAMEDATALEN - 1: longer role names would be truncated. */
const MAX_ROLE_BYTES = 63;
const SCRAM_ITERATIONS = 4096;

export class PostgresUsers {
  readonly endpoint: DatabaseEndpoint;
  /** One change at a time: two requests for the same new user must not both create it. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly url: string) {
    const u = new URL(url);
    this.endpoint = { host: u.hostname, port: Number(u.port || 5432) };
  }

  /** Creates or updates the role; rejects with psql's message when the server refuses. */
  create(user: DatabaseUser): Promise<void> {
    const run = this.queue.then(() => this.apply(user));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async apply({ user, password, expiresAt, groups }: DatabaseUser): Promise<void> {
    for (const name of [user, ...groups]) {
      if (Buffer.byteLength(name) > MAX_ROLE_BYTES) throw new Error(`PostgreSQL role names are at most ${MAX_ROLE_BYTES} bytes; "${name}" is longer.`);
    }
    const vars: Record<string, string> = { user, verifier: scramVerifier(password), until: expiresAt };
    const lines = [
      ensureRole('user', 'LOGIN'),
      `ALTER ROLE :"user" LOGIN PASSWORD :'verifier' VALID UNTIL :'until';`,
    ];
    groups.forEach((group, i) => {
      vars[`group${i}`] = group;
      lines.push(ensureRole(`group${i}`, 'NOLOGIN'), `GRANT :"group${i}" TO :"user";`);
    });
    await runPsql(this.url, lines.join('\n'), vars);
  }
}

/** A statement that creates the role named by psql variable `variable` unless it exists. */
function ensureRole(variable: string, options: string): string {
  return `SELECT format('CREATE ROLE %I ${options}', :'${variable}') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'${variable}') \\gexec`;
}

/** The stored form of a SCRAM-SHA-256 password (RFC 5802/7677, as PostgreSQL keeps it in pg_authid). */
export function scramVerifier(password: string, salt = randomBytes(16)): string {
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, SCRAM_ITERATIONS, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${SCRAM_ITERATIONS}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/**
 * Runs a psql script (on stdin, stopping at the first error) against `url`, with psql variables `vars` (quoted by
 * psql where the script writes :'name' or :"name"). The URL's parts go to psql as PG* variables, not arguments.
 */
export function runPsql(url: string, script: string, vars: Record<string, string> = {}): Promise<string> {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PGHOST: u.hostname,
    PGPORT: u.port || '5432',
    PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: decodeURIComponent(u.pathname.slice(1)) || 'postgres',
    PGSSLMODE: u.searchParams.get('sslmode') ?? 'prefer',
    PGCONNECT_TIMEOUT: '10',
  };
  const args = ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', ...Object.entries(vars).flatMap(([k, v]) => ['-v', `${k}=${v}`])];
  return new Promise((resolve, reject) => {
    const child = execFile('psql', args, { env, timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`psql failed: ${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
    child.stdin?.end(script);
  });
}

/** Points every Redshift cluster that has an endpoint, and every workgroup, at `endpoint`. */
export function pointRedshiftAt(world: World, endpoint: DatabaseEndpoint): void {
  for (const region of Object.values(world.regions)) {
    for (const c of region.redshiftClusters) {
      if (c.address === undefined) continue;
      c.address = endpoint.host;
      c.port = endpoint.port;
    }
    for (const w of region.workgroups) {
      w.address = endpoint.host;
      w.port = endpoint.port;
    }
  }
}
