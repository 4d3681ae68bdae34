// Clipboard formats for PostgreSQL-protocol databases (Redshift provisioned clusters and Serverless
// workgroups), shared by every Redshift credential method. The user name is always the one AWS returned
// (GetClusterCredentials prefixes it with IAM: or IAMA:), never the one typed in.
import { percentEncode, shellQuote, urlHost } from './encoding';
import type { ClipboardFormat, CredentialContext } from './types';
import { l10n } from '../l10n';

export const REDSHIFT_DEFAULT_PORT = 5439;
export const REDSHIFT_DEFAULT_DATABASE = 'dev';

export interface PgEndpoint {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password: string;
}

/**
 * Where and as whom to connect: host and port from the target's details, the database the user asked for
 * (input `dbNameKey`), else the target's own database, else Redshift's default "dev".
 */
export function pgEndpoint(ctx: CredentialContext, dbNameKey: string): PgEndpoint {
  const d = ctx.target.details;
  const asked = ctx.input[dbNameKey];
  const database = typeof asked === 'string' && asked.trim() !== '' ? asked : typeof d.dbName === 'string' && d.dbName !== '' ? d.dbName : REDSHIFT_DEFAULT_DATABASE;
  const host = typeof d.host === 'string' && d.host !== '' ? d.host : '<endpoint-not-available-yet>';
  const port = typeof d.port === 'number' ? d.port : typeof d.port === 'string' && /^\d+$/.test(d.port) ? Number(d.port) : REDSHIFT_DEFAULT_PORT;
  return { host, port, database, user: ctx.credential.user ?? '', password: ctx.credential.secret };
}

/** libpq/psql connection URI; every part percent-encoded, SSL required. */
export function psqlUri(e: PgEndpoint): string {
  return `postgresql://${percentEncode(e.user)}:${percentEncode(e.password)}@${urlHost(e.host)}:${e.port}/${percentEncode(e.database)}?sslmode=require`;
}

/**
 * Amazon Redshift JDBC driver 2.x URL with the credentials as UID/PWD properties. The driver's docs require
 * URL-encoding of reserved characters in property values; everything but unreserved characters is encoded.
 */
export function jdbcUrl(e: PgEndpoint): string {
  return `jdbc:redshift://${urlHost(e.host)}:${e.port}/${percentEncode(e.database)};ssl=true;UID=${percentEncode(e.user)};PWD=${percentEncode(e.password)}`;
}

/** The libpq environment variables that make a bare `psql` connect, SSL required. */
export function pgEnvironment(e: PgEndpoint): Record<string, string> {
  return { PGHOST: e.host, PGPORT: String(e.port), PGUSER: e.user, PGPASSWORD: e.password, PGDATABASE: e.database, PGSSLMODE: 'require' };
}

/** libpq environment variables, one `NAME='value'` per line, each value safely single-quoted. */
export function pgEnvLines(e: PgEndpoint, prefix = ''): string {
  return Object.entries(pgEnvironment(e)).map(([name, value]) => `${prefix}${name}=${shellQuote(value)}`).join('\n');
}

/** A terminal environment for a Redshift method whose database input is `dbNameKey`. */
export function pgTerminalEnvironment(dbNameKey: string): (ctx: CredentialContext) => Record<string, string> {
  return (ctx) => pgEnvironment(pgEndpoint(ctx, dbNameKey));
}

/** The five formats every Redshift method offers (plus an `export` variant of the variables). */
export function postgresFormats(dbNameKey: string): readonly ClipboardFormat[] {
  const at = (ctx: CredentialContext) => pgEndpoint(ctx, dbNameKey);
  return [
    { id: 'password', label: l10n.t('Password'), description: l10n.t('The temporary database password'), render: (ctx) => ctx.credential.secret },
    { id: 'dbUser', label: l10n.t('Database user'), description: l10n.t('The user name as issued (with its IAM: or IAMA: prefix where there is one)'), render: (ctx) => ctx.credential.user ?? '' },
    { id: 'psqlUri', label: l10n.t('psql / libpq URI'), description: 'postgresql://user:password@host:port/db?sslmode=require', render: (ctx) => psqlUri(at(ctx)) },
    { id: 'jdbcUrl', label: l10n.t('JDBC URL'), description: 'jdbc:redshift://host:port/db;ssl=true;UID=…;PWD=…', render: (ctx) => jdbcUrl(at(ctx)) },
    { id: 'pgEnv', label: l10n.t('PG* variables'), description: l10n.t("PGHOST=… PGPASSWORD=… lines (for .env files or 'set -a')"), render: (ctx) => pgEnvLines(at(ctx)) },
    { id: 'pgExports', label: l10n.t('PG* exports'), description: l10n.t('export PGHOST=… lines to paste into a shell'), render: (ctx) => pgEnvLines(at(ctx), 'export ') },
  ];
}
