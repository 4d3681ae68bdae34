// Amazon Redshift Serverless: workgroups, and temporary database credentials from the caller's IAM identity
// (GetCredentials).
import { GetCredentialsCommand, RedshiftServerlessClient, paginateListWorkgroups, type RedshiftServerlessClientConfig, type Workgroup } from '@aws-sdk/client-redshift-serverless';
import { cachedClient } from './clients';
import { awsMessage, checkBeforeSend, errorName, firstPage, stateCategories, requireField, sendOptions, sentence, textInput } from './common';
import { pgTerminalEnvironment, postgresFormats } from './postgresFormats';
import { dbNameParameter, durationParameter } from './redshift';
import { DURATION_DEFAULT } from './redshiftNames';
import type { AwsContext, CredentialMethod, ServiceModule, Target, TargetSource } from './types';
import { length, pattern, required, toInteger } from '../validation/rules';
import { l10n } from '../l10n';

export const WORKGROUP = 'redshift-serverless:workgroup';
const OPERATION = 'GetCredentials';

/** workgroupName: 3–64 characters, ^[a-z0-9-]+$. */
export const workgroupNameRule = required(length(3, 64), pattern(/^[a-z0-9-]+$/, l10n.t('Only lowercase letters, digits and - are allowed.')));

function client(ctx: AwsContext): RedshiftServerlessClient {
  return cachedClient({ id: 'Redshift Serverless', name: 'Amazon Redshift Serverless' }, ctx.clientConfig, (config) => new RedshiftServerlessClient({ ...config } as RedshiftServerlessClientConfig));
}

export const workgroupCategory = stateCategories({ active: ['AVAILABLE'], starting: ['CREATING', 'MODIFYING'], stopping: ['DELETING'] });

function toTarget(ctx: AwsContext, w: Workgroup): Target | undefined {
  if (!w.workgroupName) return undefined;
  const state = w.status ?? 'UNKNOWN';
  const host = w.endpoint?.address || undefined;
  const port = w.endpoint?.port ?? w.port;
  return {
    kind: WORKGROUP,
    location: ctx.location,
    id: w.workgroupName,
    arn: w.workgroupArn,
    name: w.workgroupName,
    state,
    stateCategory: workgroupCategory(state),
    createdAt: w.creationDate,
    endpoint: host ? `${host}:${port ?? 5439}` : undefined,
    details: { host, port, namespace: w.namespaceName },
  };
}

export const redshiftWorkgroups: TargetSource = {
  id: 'redshiftServerless.workgroups',
  label: 'Redshift Serverless',
  icon: 'database',
  listActions: ['redshift-serverless:ListWorkgroups'],
  async listPage(ctx, options) {
    const pageSize = options.pageSize === undefined ? undefined : Math.min(100, Math.max(1, options.pageSize));
    const pages = paginateListWorkgroups({ client: client(ctx), startingToken: options.pageToken, pageSize }, {}, sendOptions(ctx));
    return firstPage(pages, (page) => ({ items: page.workgroups, next: page.nextToken }), (w) => toTarget(ctx, w), (t) => options.includeInactive || t.stateCategory !== 'inactive');
  },
};

export const redshiftServerlessCredentials: CredentialMethod = {
  id: 'redshiftServerless.credentials',
  label: l10n.t('Temporary database credentials (GetCredentials)'),
  targetKind: WORKGROUP,
  operation: OPERATION,
  iamActions: ['redshift-serverless:GetCredentials'],
  parameters: [dbNameParameter('dbName'), durationParameter('durationSeconds')],
  validateTarget: (target) => {
    const problem = workgroupNameRule(target.id);
    return problem ? l10n.t('Workgroup name: {0}', problem) : undefined;
  },
  async fetch(ctx, target, input) {
    checkBeforeSend(redshiftServerlessCredentials, target, input);
    const out = await client(ctx).send(
      new GetCredentialsCommand({
        workgroupName: target.id,
        dbName: textInput(input.dbName),
        durationSeconds: toInteger(input.durationSeconds ?? undefined) ?? DURATION_DEFAULT,
      }),
      sendOptions(ctx),
    );
    return {
      user: requireField(out.dbUser, OPERATION, 'dbUser'),
      secret: requireField(out.dbPassword, OPERATION, 'dbPassword'),
      expiresAt: requireField(out.expiration, OPERATION, 'expiration'),
      refreshAt: out.nextRefreshTime,
    };
  },
  formats: postgresFormats('dbName'),
  terminalEnvironment: pgTerminalEnvironment('dbName'),
  explainError(error, target) {
    const name = errorName(error);
    const msg = awsMessage(error);
    const aws = msg ? ` ${l10n.t('AWS says: {0}', sentence(msg))}` : '';
    switch (name) {
      case 'ResourceNotFoundException':
        return l10n.t('Workgroup "{0}" was not found in {1}: it was deleted or the name is wrong.{2} Refresh the tree.', target.id, target.location.region, aws);
      case 'ValidationException':
        return l10n.t('Redshift Serverless rejected a value.{0} Correct it (database name or duration) and try again.', aws);
      case 'InternalServerException':
        return l10n.t("Redshift Serverless had an internal error. This is on AWS's side: wait a moment and retry.");
      default:
        return undefined;
    }
  },
};

export const redshiftServerlessModule: ServiceModule = {
  id: 'redshiftServerless',
  sources: [redshiftWorkgroups],
  methods: [redshiftServerlessCredentials],
};
