// Amazon Redshift Serverless (awsJson1_1, target prefix RedshiftServerless): ListWorkgroups, GetCredentials.
import { ServiceError } from '../errors';
import { awsJsonErrors, awsJsonService } from '../protocols/aws-json';
import { secretValue } from '../random';
import type { OperationContext, ServiceHandler } from '../service';
import type { Workgroup } from '../types';
import { checkRange, checkString, decodeToken, optionalInteger, optionalString, page, type Fail } from '../validate';
import { dbNameProblem } from './redshift';

const DEFAULT_DURATION = 900;
const errors = awsJsonErrors(() => new ServiceError('InternalServerException', 500, 'The request processing has failed because of an unknown error.'), 'ValidationException');
const fail: Fail = (message) => {
  throw errors.invalid(message);
};

function workgroupShape(ctx: OperationContext, w: Workgroup) {
  return {
    workgroupId: w.id,
    workgroupArn: `arn:aws:redshift-serverless:${ctx.region}:${ctx.world.accountId}:workgroup/${w.id}`,
    workgroupName: w.name,
    namespaceName: w.namespaceName,
    baseCapacity: w.baseCapacity,
    enhancedVpcRouting: false,
    configParameters: [],
    securityGroupIds: ['sg-0f1e2d3c4b5a69788'],
    subnetIds: ['subnet-0f1e2d3c4b5a69788'],
    status: w.status,
    endpoint: { address: w.address, port: w.port, vpcEndpoints: [] },
    publiclyAccessible: false,
    creationDate: w.createdAt,
  };
}

function listWorkgroups(params: Record<string, unknown>, ctx: OperationContext) {
  const size = optionalInteger(params, 'maxResults', fail) ?? 100;
  checkRange('maxResults', size, 1, 100, fail);
  const owner = optionalString(params, 'ownerAccount', fail);
  if (owner !== undefined) checkString('ownerAccount', owner, 1, 12, fail, /^\d{12}$/);
  const { items, next } = page(ctx.resources.workgroups, decodeToken(optionalString(params, 'nextToken', fail), fail), size);
  return { workgroups: items.map((w) => workgroupShape(ctx, w)), nextToken: next };
}

function getCredentials(params: Record<string, unknown>, ctx: OperationContext) {
  const domain = optionalString(params, 'customDomainName', fail);
  if (domain !== undefined) checkString('customDomainName', domain, 1, 253, fail, /^(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])$/);
  const name = optionalString(params, 'workgroupName', fail);
  if (name === undefined) fail('workgroupName is required.');
  checkString('workgroupName', name as string, 3, 64, fail, /^[a-z0-9-]+$/);
  const dbName = optionalString(params, 'dbName', fail);
  if (dbName !== undefined) {
    const problem = dbNameProblem('dbName', dbName);
    if (problem) fail(problem);
  }
  const seconds = optionalInteger(params, 'durationSeconds', fail) ?? DEFAULT_DURATION;
  checkRange('durationSeconds', seconds, 900, 3600, fail);

  const workgroup = ctx.resources.workgroups.find((w) => w.name === name);
  // awsJson1_1 errors without a modeled status are 400s.
  if (!workgroup) throw new ServiceError('ResourceNotFoundException', 400, `Workgroup ${name} not found.`, { resourceName: name as string });

  const dbUser = `IAM:${ctx.identity.name}`;
  const dbPassword = secretValue();
  const expiration = new Date(ctx.now.getTime() + seconds * 1000);
  ctx.issue({ kind: 'password', user: dbUser, secret: dbPassword, target: workgroup.name, expiresAt: expiration.toISOString() });
  ctx.databaseUser({ user: dbUser, password: dbPassword, expiresAt: expiration.toISOString(), groups: [] });
  return {
    dbUser,
    dbPassword,
    expiration: expiration.getTime() / 1000,
    nextRefreshTime: (expiration.getTime() - 300_000) / 1000,
  };
}

export function redshiftServerlessService(): ServiceHandler {
  return awsJsonService({
    signingName: 'redshift-serverless',
    targetPrefix: 'RedshiftServerless',
    messageKey: 'message',
    errors,
    operations: { ListWorkgroups: listWorkgroups, GetCredentials: getCredentials },
  });
}
