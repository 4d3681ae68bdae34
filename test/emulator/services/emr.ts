// Amazon EMR (awsJson1_1, target prefix ElasticMapReduce): ListClusters, DescribeCluster, GetClusterSessionCredentials.
import { ServiceError } from '../errors';
import { awsJsonErrors, awsJsonService } from '../protocols/aws-json';
import { secretValue } from '../random';
import type { OperationContext, ServiceHandler } from '../service';
import type { EmrCluster, EmrClusterState } from '../types';
import { checkString, decodeToken, optionalString, page, requiredString, type Fail } from '../validate';

const PAGE_SIZE = 50;
const SESSION_SECONDS = 3600;
const STATES: readonly EmrClusterState[] = ['STARTING', 'BOOTSTRAPPING', 'RUNNING', 'WAITING', 'TERMINATING', 'TERMINATED', 'TERMINATED_WITH_ERRORS'];
const ENDED: readonly EmrClusterState[] = ['TERMINATING', 'TERMINATED', 'TERMINATED_WITH_ERRORS'];

const errors = awsJsonErrors(
  (operation) =>
    operation === 'GetClusterSessionCredentials'
      ? new ServiceError('InternalServerError', 500, 'An internal error occurred.')
      : new ServiceError('InternalServerException', 500, 'An internal error occurred.'),
  'ValidationException',
);
const fail: Fail = (message) => {
  throw errors.invalid(message);
};
const invalidRequest = (errorCode: string, message: string): ServiceError =>
  new ServiceError('InvalidRequestException', 400, message, { ErrorCode: errorCode });

const epochSeconds = (iso: string): number => Date.parse(iso) / 1000;

function arn(ctx: OperationContext, id: string): string {
  return `arn:aws:elasticmapreduce:${ctx.region}:${ctx.world.accountId}:cluster/${id}`;
}

function status(cluster: EmrCluster) {
  const created = epochSeconds(cluster.createdAt);
  const ended = cluster.state === 'TERMINATED' || cluster.state === 'TERMINATED_WITH_ERRORS';
  const ready = cluster.state !== 'STARTING' && cluster.state !== 'BOOTSTRAPPING';
  return {
    State: cluster.state,
    StateChangeReason:
      cluster.state === 'TERMINATED_WITH_ERRORS'
        ? { Code: 'BOOTSTRAP_FAILURE', Message: 'On the master instance, bootstrap action 1 returned a non-zero return code' }
        : ended
          ? { Code: 'ALL_STEPS_COMPLETED', Message: 'Steps completed' }
          : cluster.state === 'WAITING'
            ? { Message: 'Cluster ready to run steps.' }
            : {},
    Timeline: {
      CreationDateTime: created,
      ReadyDateTime: ready ? created + 420 : undefined,
      EndDateTime: ended ? created + 3600 : undefined,
    },
  };
}

function findCluster(ctx: OperationContext, id: string): EmrCluster {
  const cluster = ctx.resources.emrClusters.find((c) => c.id === id);
  if (!cluster) throw invalidRequest('NoSuchCluster', `Cluster id '${id}' is not valid.`);
  return cluster;
}

function optionalEpoch(params: Record<string, unknown>, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${name} must be a timestamp.`);
  return (value as number) * 1000;
}

function listClusters(params: Record<string, unknown>, ctx: OperationContext) {
  const states = params.ClusterStates;
  if (states !== undefined && (!Array.isArray(states) || states.some((s) => !STATES.includes(s as EmrClusterState)))) {
    fail(`ClusterStates must be a list of ${STATES.join(', ')}.`);
  }
  const after = optionalEpoch(params, 'CreatedAfter');
  const before = optionalEpoch(params, 'CreatedBefore');
  const offset = decodeToken(optionalString(params, 'Marker', fail), (m) => {
    throw invalidRequest('InvalidMarker', m);
  });
  const wanted = states as EmrClusterState[] | undefined;
  const matching = ctx.resources.emrClusters.filter((c) => {
    const created = Date.parse(c.createdAt);
    return (
      (!wanted?.length || wanted.includes(c.state)) &&
      (after === undefined || created >= after) &&
      (before === undefined || created <= before)
    );
  });
  const { items, next } = page(matching, offset, PAGE_SIZE);
  return {
    Clusters: items.map((c) => ({
      Id: c.id,
      Name: c.name,
      Status: status(c),
      NormalizedInstanceHours: c.normalizedInstanceHours,
      ClusterArn: arn(ctx, c.id),
    })),
    Marker: next,
  };
}

function describeCluster(params: Record<string, unknown>, ctx: OperationContext) {
  const id = requiredString(params, 'ClusterId', fail);
  checkString('ClusterId', id, 0, 256, fail);
  const c = findCluster(ctx, id);
  return {
    Cluster: {
      Id: c.id,
      Name: c.name,
      Status: status(c),
      Ec2InstanceAttributes: { Ec2AvailabilityZone: `${ctx.region}a`, IamInstanceProfile: 'EMR_EC2_DefaultRole' },
      InstanceCollectionType: 'INSTANCE_GROUP',
      ReleaseLabel: c.releaseLabel,
      AutoTerminate: false,
      TerminationProtected: false,
      VisibleToAllUsers: true,
      Applications: c.applications.map((name) => ({ Name: name })),
      ServiceRole: 'EMR_DefaultRole',
      NormalizedInstanceHours: c.normalizedInstanceHours,
      MasterPublicDnsName: c.masterPublicDnsName,
      ClusterArn: arn(ctx, c.id),
      Tags: [],
    },
  };
}

function getClusterSessionCredentials(params: Record<string, unknown>, ctx: OperationContext) {
  const clusterId = requiredString(params, 'ClusterId', fail);
  checkString('ClusterId', clusterId, 1, 256, fail);
  const roleArn = optionalString(params, 'ExecutionRoleArn', fail);
  if (roleArn !== undefined) checkString('ExecutionRoleArn', roleArn, 20, 2048, fail);

  const cluster = findCluster(ctx, clusterId);
  if (ENDED.includes(cluster.state)) {
    throw invalidRequest('ClusterTerminated', `Cluster ${clusterId} is in state ${cluster.state}; session credentials are not available.`);
  }
  const expiresAt = new Date(ctx.now.getTime() + SESSION_SECONDS * 1000);
  if (ctx.unknownUnion) {
    return { Credentials: { futureCredential: { Version: 2, Opaque: 'not-a-secret' } }, ExpiresAt: expiresAt.getTime() / 1000 };
  }
  // Invented (the model leaves it open): the runtime role's name, at most the 256 characters Username allows;
  // without a role, EMR's default user "hadoop".
  const username = roleArn ? roleArn.slice(roleArn.lastIndexOf('/') + 1).slice(0, 256) || 'hadoop' : 'hadoop';
  const password = secretValue();
  ctx.issue({ kind: 'password', user: username, secret: password, target: clusterId, expiresAt: expiresAt.toISOString() });
  return {
    Credentials: { UsernamePassword: { Username: username, Password: password } },
    ExpiresAt: expiresAt.getTime() / 1000,
  };
}

export function emrService(): ServiceHandler {
  return awsJsonService({
    signingName: 'elasticmapreduce',
    targetPrefix: 'ElasticMapReduce',
    messageKey: 'Message',
    errors,
    operations: {
      ListClusters: listClusters,
      DescribeCluster: describeCluster,
      GetClusterSessionCredentials: getClusterSessionCredentials,
    },
  });
}
