// Amazon Redshift provisioned clusters, and temporary database users (GetClusterCredentials, seed 004).
import {
  GetClusterCredentialsCommand,
  RedshiftClient,
  paginateDescribeClusters,
  type Cluster,
  type RedshiftClientConfig,
} from '@aws-sdk/client-redshift';
import { cachedClient } from './clients';
import { awsMessage, checkBeforeSend, errorName, firstPage, isAccessDenied, requireField, sendOptions, sentence, textInput } from './common';
import { pgTerminalEnvironment, postgresFormats } from './postgresFormats';
import { DURATION_DEFAULT, DURATION_MAX, DURATION_MIN, dbGroupsRule, dbUserRule, durationRule, optionalDbName } from './redshiftNames';
import type { AwsContext, CredentialInput, CredentialMethod, ParameterSpec, ServiceModule, StateCategory, Target, TargetSource } from './types';
import { boolean, length, required, toInteger, toList, type Rule } from '../validation/rules';
import { l10n } from '../l10n';

export const REDSHIFT_CLUSTER = 'redshift:cluster';
const OPERATION = 'GetClusterCredentials';

export function redshiftClient(ctx: AwsContext): RedshiftClient {
  return cachedClient({ id: 'Redshift', name: 'Amazon Redshift' }, ctx.clientConfig, (config) => new RedshiftClient({ ...config } as RedshiftClientConfig));
}

/** Redshift's cluster status words (lowercase, some with a comma) mapped onto the shared categories. */
export function redshiftStateCategory(status: string | undefined): StateCategory {
  const s = (status ?? '').toLowerCase();
  if (s === 'available' || s.startsWith('available,')) return 'active';
  if (s === 'paused') return 'inactive';
  if (s === 'deleting' || s === 'final-snapshot' || s === 'pausing') return 'stopping';
  if (s === 'hardware-failure' || s === 'storage-full' || s.startsWith('incompatible-')) return 'failed';
  if (s === '') return 'inactive';
  // creating, modifying, rebooting, renaming, resizing, resuming, rotating-keys, updating-hsm, cancelling-resize …
  return 'starting';
}

function toTarget(ctx: AwsContext, c: Cluster): Target | undefined {
  if (!c.ClusterIdentifier) return undefined;
  const state = c.ClusterStatus ?? 'unknown';
  const host = c.Endpoint?.Address || undefined;
  const port = c.Endpoint?.Port;
  return {
    kind: REDSHIFT_CLUSTER,
    location: ctx.location,
    id: c.ClusterIdentifier,
    name: c.ClusterIdentifier,
    state,
    stateCategory: redshiftStateCategory(state),
    createdAt: c.ClusterCreateTime,
    endpoint: host ? `${host}:${port ?? 5439}` : undefined,
    details: { host, port, dbName: c.DBName || undefined, nodeType: c.NodeType },
  };
}

export const redshiftClusters: TargetSource = {
  id: 'redshift.clusters',
  label: 'Redshift',
  icon: 'database',
  listActions: ['redshift:DescribeClusters'],
  async listPage(ctx, options) {
    // MaxRecords must be 20–100 when given.
    const pageSize = options.pageSize === undefined ? undefined : Math.min(100, Math.max(20, options.pageSize));
    const pages = paginateDescribeClusters({ client: redshiftClient(ctx), startingToken: options.pageToken, pageSize }, {}, sendOptions(ctx));
    // DescribeClusters cannot filter by status: hide paused clusters here unless asked. A page may come
    // back empty with a `next`; the tree offers "load more" for it.
    return firstPage(pages, (page) => ({ items: page.Clusters, next: page.Marker }), (c) => toTarget(ctx, c), (t) => options.includeInactive || t.stateCategory !== 'inactive');
  },
};

/** ClusterIdentifier: 1–63 characters (the service's identifier limit); it is case-sensitive, so sent as is. */
export function validateClusterTarget(target: Target): string | undefined {
  const problem = required(length(1, 63))(target.id);
  return problem ? l10n.t('Cluster identifier: {0}', problem) : undefined;
}

/** The database-name parameter; `rule` is the API's own (see redshiftNames.ts), `allowed` says it in the prompt. */
export function dbNameParameter(key: string, rule: Rule = optionalDbName, allowed = DB_NAME_ALLOWED): ParameterSpec {
  return {
    key,
    label: l10n.t('Database name'),
    type: 'text',
    required: false,
    prompt: l10n.t('Database to log on to (empty: any database): {0}', allowed),
    placeholder: 'dev',
    defaultValue: (target) => (typeof target.details.dbName === 'string' ? target.details.dbName : undefined),
    validate: rule,
  };
}

const DB_NAME_ALLOWED = l10n.t('1–64 letters, digits, _ + . @ -, starting with a letter; not a reserved word.');

export function durationParameter(key: string): ParameterSpec {
  return {
    key,
    label: l10n.t('Duration (seconds)'),
    type: 'integer',
    required: false,
    prompt: l10n.t('How long the password is valid: {0}–{1} seconds; the default is {2} (15 minutes).', DURATION_MIN, DURATION_MAX, DURATION_DEFAULT),
    placeholder: String(DURATION_DEFAULT),
    defaultValue: () => DURATION_DEFAULT,
    validate: durationRule,
  };
}

/** Explanations for the faults both GetClusterCredentials APIs model. */
export function explainClusterFault(error: unknown, target: Target, operation: string): string | undefined {
  const name = errorName(error);
  const msg = awsMessage(error);
  if (name === 'ClusterNotFoundFault' || name === 'ClusterNotFound') {
    return l10n.t('Redshift cluster "{0}" was not found in {1}: it was deleted or renamed, or the identifier is wrong (it is case-sensitive). Refresh the tree.', target.id, target.location.region);
  }
  if (name === 'UnsupportedOperationFault' || name === 'UnsupportedOperation') {
    return l10n.t('Redshift does not support {0} for cluster "{1}" in its current state{2} Check that the cluster is available and not paused or resizing, or try the other credential method.', operation, target.id, msg ? ` (${l10n.t('AWS says: {0}', sentence(msg))})` : '.');
  }
  return undefined;
}

/**
 * GetClusterCredentials needs different IAM actions depending on the request: redshift:GetClusterCredentials
 * on the dbuser (and dbname), redshift:JoinGroup on each dbgroup, redshift:CreateClusterUser with AutoCreate.
 */
export function accessDeniedActions(target: Target, input: CredentialInput): string {
  const user = textInput(input.DbUser) ?? '<DbUser>';
  const parts = [l10n.t('redshift:GetClusterCredentials on {0}', `dbuser:${target.id}/${user}`)];
  const db = textInput(input.DbName);
  if (db) parts[0] += ` ${l10n.t('and {0}', `dbname:${target.id}/${db}`)}`;
  const groups = toList(input.DbGroups) ?? [];
  if (groups.length) parts.push(l10n.t('redshift:JoinGroup on {0}', groups.map((g) => `dbgroup:${target.id}/${g}`).join(', ')));
  if (input.AutoCreate === true) parts.push(l10n.t('redshift:CreateClusterUser on {0}', `dbuser:${target.id}/${user}`));
  return parts.join('; ');
}

export const redshiftClusterCredentials: CredentialMethod = {
  id: 'redshift.clusterCredentials',
  label: l10n.t('Temporary database user (GetClusterCredentials)'),
  targetKind: REDSHIFT_CLUSTER,
  operation: OPERATION,
  iamActions: ['redshift:GetClusterCredentials', 'redshift:JoinGroup', 'redshift:CreateClusterUser'],
  parameters: [
    {
      key: 'DbUser',
      label: l10n.t('Database user'),
      type: 'text',
      required: true,
      prompt: l10n.t('Database user to log on as: 1–64 letters, digits, _ + . @ -, starting with a letter; not PUBLIC or a reserved word.'),
      placeholder: 'analyst',
      // The setting is contributed in package.json as clusterPass.redshift.defaultDbUser.
      settingDefault: 'redshift.defaultDbUser',
      remember: true,
      validate: dbUserRule,
    },
    dbNameParameter('DbName'),
    durationParameter('DurationSeconds'),
    {
      key: 'AutoCreate',
      label: l10n.t('Create the user if missing'),
      type: 'boolean',
      required: false,
      prompt: l10n.t('Create DbUser (with PUBLIC permissions) when it does not exist; needs redshift:CreateClusterUser.'),
      defaultValue: () => false,
      validate: boolean,
    },
    {
      key: 'DbGroups',
      label: l10n.t('Database groups'),
      type: 'list',
      required: false,
      prompt: l10n.t('Existing groups to join for this session, separated by commas (each like a database name); needs redshift:JoinGroup.'),
      placeholder: 'analysts, readers',
      remember: true,
      validate: dbGroupsRule,
    },
  ],
  validateTarget: validateClusterTarget,
  async fetch(ctx, target, input) {
    checkBeforeSend(redshiftClusterCredentials, target, input);
    const groups = toList(input.DbGroups) ?? [];
    const out = await redshiftClient(ctx).send(
      new GetClusterCredentialsCommand({
        ClusterIdentifier: target.id,
        DbUser: textInput(input.DbUser) ?? '',
        DbName: textInput(input.DbName),
        DurationSeconds: toInteger(input.DurationSeconds ?? undefined) ?? DURATION_DEFAULT,
        AutoCreate: input.AutoCreate === true ? true : undefined,
        DbGroups: groups.length ? [...groups] : undefined,
      }),
      sendOptions(ctx),
    );
    return {
      // As returned, with its IAM: or IAMA: prefix: that is the name the database knows for this session.
      user: requireField(out.DbUser, OPERATION, 'DbUser'),
      secret: requireField(out.DbPassword, OPERATION, 'DbPassword'),
      expiresAt: requireField(out.Expiration, OPERATION, 'Expiration'),
    };
  },
  formats: postgresFormats('DbName'),
  terminalEnvironment: pgTerminalEnvironment('DbName'),
  explainError(error, target, input) {
    const fault = explainClusterFault(error, target, OPERATION);
    if (fault) return fault;
    if (input && isAccessDenied(error)) {
      return l10n.t('access denied for profile "{0}". It needs {1}. Ask your administrator to allow it, or choose another profile.', target.location.profile, accessDeniedActions(target, input));
    }
    return undefined;
  },
};

export const redshiftModule: ServiceModule = {
  id: 'redshift',
  sources: [redshiftClusters],
  methods: [redshiftClusterCredentials],
};
