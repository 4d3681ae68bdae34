// Amazon Redshift (awsQuery, 2012-12-01): DescribeClusters, GetClusterCredentials, GetClusterCredentialsWithIAM.
import { ServiceError } from '../errors';
import { awsQueryErrors, awsQueryService } from '../protocols/aws-query';
import { secretValue } from '../random';
import type { OperationContext, ServiceHandler } from '../service';
import type { RedshiftCluster } from '../types';
import { checkRange, decodeToken, optionalInteger, optionalString, page, requiredString, type Fail } from '../validate';
import { xmlList, type XmlObject } from '../xml';

export const REDSHIFT_XMLNS = 'http://redshift.amazonaws.com/doc/2012-12-01/';
const DEFAULT_DURATION = 900;
const MIN_DURATION = 900;
const MAX_DURATION = 3600;

/** Redshift reserved words as the Database Developer Guide publishes them today (LANGUAGE is no longer one), and PUBLIC. */
const RESERVED = new Set(
  (
    'AES128 AES256 ALL ALLOWOVERWRITE ANALYSE ANALYZE AND ANY ARRAY AS ASC AUTHORIZATION AZ64 BACKUP BETWEEN BINARY ' +
    'BLANKSASNULL BOTH BYTEDICT BZIP2 CASE CAST CHECK COLLATE COLUMN CONSTRAINT CREATE CREDENTIALS CROSS CURRENT_DATE ' +
    'CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER CURRENT_USER_ID DEFAULT DEFERRABLE DEFLATE DEFRAG DELTA DELTA32K DESC ' +
    'DISABLE DISTINCT DO ELSE EMPTYASNULL ENABLE ENCODE ENCRYPT ENCRYPTION END EXCEPT EXPLICIT FALSE FOR FOREIGN FREEZE ' +
    'FROM FULL GLOBALDICT256 GLOBALDICT64K GRANT GROUP GZIP HAVING IDENTITY IGNORE ILIKE IN INITIALLY INNER INTERSECT ' +
    'INTERVAL INTO IS ISNULL JOIN LEADING LEFT LIKE LIMIT LOCALTIME LOCALTIMESTAMP LUN LUNS LZO LZOP MINUS ' +
    'MOSTLY16 MOSTLY32 MOSTLY8 NATURAL NEW NOT NOTNULL NULL NULLS OFF OFFLINE OFFSET OID OLD ON ONLY OPEN OR ORDER OUTER ' +
    'OVERLAPS PARALLEL PARTITION PERCENT PERMISSIONS PIVOT PLACING PRIMARY PUBLIC RAW READRATIO RECOVER REFERENCES ' +
    'REJECTLOG RESORT RESPECT RESTORE RIGHT SELECT SESSION_USER SIMILAR SNAPSHOT SOME SYSDATE SYSTEM TABLE TAG TDES ' +
    'TEXT255 TEXT32K THEN TIMESTAMP TO TOP TRAILING TRUE TRUNCATECOLUMNS UNION UNIQUE UNNEST UNPIVOT USER USING VERBOSE ' +
    'WALLET WHEN WHERE WITH WITHOUT'
  ).split(' '),
);

const errors = awsQueryErrors();
const fail: Fail = (message) => {
  throw errors.invalid(message);
};
const clusterNotFound = (id: string): ServiceError => new ServiceError('ClusterNotFound', 404, `Cluster ${id} not found.`);

/** DbUser: 1–64 characters, first a letter, then letters, digits, _ + . @ -; no : or /; not PUBLIC or a reserved word. */
export function dbUserProblem(value: string): string | undefined {
  if (value.length < 1 || value.length > 64) return 'DbUser must be 1 to 64 characters long.';
  if (/[:/]/.test(value)) return 'DbUser must not contain a colon (:) or slash (/).';
  if (!/^[A-Za-z]/.test(value)) return 'DbUser must begin with a letter.';
  if (!/^[A-Za-z0-9_+.@-]+$/.test(value)) return 'DbUser may contain only letters, digits, underscore, plus sign, period, at sign and hyphen.';
  if (value.toUpperCase() === 'PUBLIC') return 'DbUser must not be PUBLIC.';
  if (RESERVED.has(value.toUpperCase())) return `DbUser must not be a reserved word (${value}).`;
  return undefined;
}

/**
 * Database and group names, per API as the model documents them: 1–64 characters, first a letter, then letters,
 * digits, _ + . @ -; no : or /; not a reserved word. `lowercase`: only lowercase letters (DbGroups); GetClusterCredentials'
 * DbName and Serverless GetCredentials' dbName allow uppercase.
 */
export function dbNameProblem(what: string, value: string, lowercase = false): string | undefined {
  const letters = lowercase ? 'a-z' : 'A-Za-z';
  const kind = lowercase ? 'lower-case letter' : 'letter';
  if (value.length < 1 || value.length > 64) return `${what} must be 1 to 64 characters long.`;
  if (/[:/]/.test(value)) return `${what} must not contain a colon (:) or slash (/).`;
  if (!new RegExp(`^[${letters}]`).test(value)) return `${what} must begin with a ${kind}.`;
  if (!new RegExp(`^[${letters}0-9_+.@-]+$`).test(value)) return `${what} may contain only ${kind}s, digits, underscore, plus sign, period, at sign and hyphen.`;
  if (RESERVED.has(value.toUpperCase())) return `${what} must not be a reserved word (${value}).`;
  return undefined;
}

/** GetClusterCredentialsWithIAM's DbName: its documentation sets no character rule; the emulator checks the length only. */
function iamDbNameProblem(value: string): string | undefined {
  return value.length < 1 || value.length > 64 ? 'DbName must be 1 to 64 characters long.' : undefined;
}

function check(problem: string | undefined): void {
  if (problem) fail(problem);
}

function duration(params: Record<string, unknown>): number {
  const seconds = optionalInteger(params, 'DurationSeconds', fail) ?? DEFAULT_DURATION;
  checkRange('DurationSeconds', seconds, MIN_DURATION, MAX_DURATION, fail);
  return seconds;
}

function findCluster(ctx: OperationContext, params: Record<string, unknown>): RedshiftCluster {
  const id = optionalString(params, 'ClusterIdentifier', fail);
  if (id === undefined) {
    if (params.CustomDomainName !== undefined) throw new ServiceError('UnsupportedOperation', 400, 'Custom domain names are not supported by this emulator.');
    fail('ClusterIdentifier is required.');
  }
  const cluster = ctx.resources.redshiftClusters.find((c) => c.identifier === id);
  if (!cluster) throw clusterNotFound(id as string);
  return cluster;
}

function clusterXml(ctx: OperationContext, c: RedshiftCluster): XmlObject {
  return {
    ClusterIdentifier: c.identifier,
    NodeType: c.nodeType,
    ClusterStatus: c.status,
    ClusterAvailabilityStatus: c.status === 'available' ? 'Available' : c.status === 'paused' ? 'Paused' : 'Unavailable',
    MasterUsername: c.masterUsername,
    DBName: c.dbName,
    Endpoint: c.address ? { Address: c.address, Port: c.port } : undefined,
    ClusterCreateTime: c.createdAt,
    NumberOfNodes: c.numberOfNodes,
    AvailabilityZone: `${ctx.region}a`,
    ClusterVersion: '1.0',
    PubliclyAccessible: false,
    Encrypted: true,
    ClusterNamespaceArn: `arn:aws:redshift:${ctx.region}:${ctx.world.accountId}:namespace:${c.namespaceId}`,
  };
}

function describeClusters(params: Record<string, unknown>, ctx: OperationContext) {
  const maxRecords = optionalInteger(params, 'MaxRecords', fail) ?? 100;
  checkRange('MaxRecords', maxRecords, 20, 100, fail);
  const id = optionalString(params, 'ClusterIdentifier', fail);
  let clusters = ctx.resources.redshiftClusters;
  if (id !== undefined) {
    clusters = clusters.filter((c) => c.identifier === id);
    if (!clusters.length) throw clusterNotFound(id);
  }
  const { items, next } = page(clusters, decodeToken(optionalString(params, 'Marker', fail), fail), maxRecords);
  return { Clusters: xmlList('Cluster', items.map((c) => clusterXml(ctx, c))), Marker: next };
}

function expiryFrom(ctx: OperationContext, seconds: number): Date {
  return new Date(ctx.now.getTime() + seconds * 1000);
}

function getClusterCredentials(params: Record<string, unknown>, ctx: OperationContext) {
  const dbUser = requiredString(params, 'DbUser', fail);
  check(dbUserProblem(dbUser));
  const dbName = optionalString(params, 'DbName', fail);
  if (dbName !== undefined) check(dbNameProblem('DbName', dbName));
  const groups = params.DbGroups;
  if (groups !== undefined) {
    if (!Array.isArray(groups)) fail('DbGroups must be a list.');
    for (const g of groups as unknown[]) check(dbNameProblem('DbGroups member', String(g), true));
  }
  const seconds = duration(params);
  const autoCreate = optionalString(params, 'AutoCreate', fail);
  if (autoCreate !== undefined && autoCreate !== 'true' && autoCreate !== 'false') fail('AutoCreate must be true or false.');

  const cluster = findCluster(ctx, params);
  if (cluster.unsupported) throw new ServiceError('UnsupportedOperation', 400, `GetClusterCredentials is not supported for cluster ${cluster.identifier}.`);

  const user = `${autoCreate === 'true' ? 'IAMA' : 'IAM'}:${dbUser}`;
  const password = secretValue();
  const expiration = expiryFrom(ctx, seconds).toISOString();
  ctx.issue({ kind: 'password', user, secret: password, target: cluster.identifier, expiresAt: expiration });
  ctx.databaseUser({ user, password, expiresAt: expiration, groups: ((groups as unknown[] | undefined) ?? []).map(String) });
  return { DbUser: user, DbPassword: password, Expiration: expiration };
}

function getClusterCredentialsWithIAM(params: Record<string, unknown>, ctx: OperationContext) {
  const dbName = optionalString(params, 'DbName', fail);
  if (dbName !== undefined) check(iamDbNameProblem(dbName));
  const seconds = duration(params);
  const cluster = findCluster(ctx, params);
  if (cluster.unsupported) {
    throw new ServiceError('UnsupportedOperation', 400, `GetClusterCredentialsWithIAM is not supported for cluster ${cluster.identifier}.`);
  }
  const user = `IAMR:${ctx.identity.name}`;
  const password = secretValue();
  const expiration = expiryFrom(ctx, seconds);
  ctx.issue({ kind: 'password', user, secret: password, target: cluster.identifier, expiresAt: expiration.toISOString() });
  ctx.databaseUser({ user, password, expiresAt: expiration.toISOString(), groups: [] });
  return {
    DbUser: user,
    DbPassword: password,
    Expiration: expiration.toISOString(),
    NextRefreshTime: new Date(expiration.getTime() - 300_000).toISOString(),
  };
}

export function redshiftService(): ServiceHandler {
  return awsQueryService({
    signingName: 'redshift',
    version: '2012-12-01',
    xmlns: REDSHIFT_XMLNS,
    errors,
    operations: {
      DescribeClusters: describeClusters,
      GetClusterCredentials: getClusterCredentials,
      GetClusterCredentialsWithIAM: getClusterCredentialsWithIAM,
    },
  });
}
