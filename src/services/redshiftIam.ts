// An alternative credential API for the same Redshift clusters: GetClusterCredentialsWithIAM maps the caller's
// IAM identity to a database user, so there is no DbUser to choose. A module with a method and no source:
// adding a credential API for existing targets is adding a module.
import { GetClusterCredentialsWithIAMCommand } from '@aws-sdk/client-redshift';
import { checkBeforeSend, requireField, sendOptions, textInput } from './common';
import { pgTerminalEnvironment, postgresFormats } from './postgresFormats';
import { REDSHIFT_CLUSTER, dbNameParameter, durationParameter, explainClusterFault, redshiftClient, validateClusterTarget } from './redshift';
import { DURATION_DEFAULT, optionalIamDbName } from './redshiftNames';
import type { CredentialMethod, ServiceModule } from './types';
import { toInteger } from '../validation/rules';
import { l10n } from '../l10n';

const OPERATION = 'GetClusterCredentialsWithIAM';

export const redshiftClusterCredentialsWithIam: CredentialMethod = {
  id: 'redshift.clusterCredentialsWithIam',
  label: l10n.t('Database user from your IAM identity (GetClusterCredentialsWithIAM)'),
  targetKind: REDSHIFT_CLUSTER,
  operation: OPERATION,
  iamActions: ['redshift:GetClusterCredentialsWithIAM'],
  parameters: [dbNameParameter('DbName', optionalIamDbName, l10n.t('1–64 characters.')), durationParameter('DurationSeconds')],
  validateTarget: validateClusterTarget,
  async fetch(ctx, target, input) {
    checkBeforeSend(redshiftClusterCredentialsWithIam, target, input);
    const out = await redshiftClient(ctx).send(
      new GetClusterCredentialsWithIAMCommand({
        ClusterIdentifier: target.id,
        DbName: textInput(input.DbName),
        DurationSeconds: toInteger(input.DurationSeconds ?? undefined) ?? DURATION_DEFAULT,
      }),
      sendOptions(ctx),
    );
    return {
      user: requireField(out.DbUser, OPERATION, 'DbUser'),
      secret: requireField(out.DbPassword, OPERATION, 'DbPassword'),
      expiresAt: requireField(out.Expiration, OPERATION, 'Expiration'),
      refreshAt: out.NextRefreshTime,
    };
  },
  formats: postgresFormats('DbName'),
  terminalEnvironment: pgTerminalEnvironment('DbName'),
  explainError: (error, target) => explainClusterFault(error, target, OPERATION),
};

export const redshiftIamModule: ServiceModule = {
  id: 'redshiftIam',
  sources: [],
  methods: [redshiftClusterCredentialsWithIam],
};
