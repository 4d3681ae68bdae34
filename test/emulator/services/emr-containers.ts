// Amazon EMR on EKS (restJson1): virtual clusters, managed endpoints and their session credentials.
// GetManagedEndpointSessionCredentials enforces every constraint of the API reference (seed 003).
import { ServiceError } from '../errors';
import { restJsonService } from '../protocols/rest-json';
import { credentialId, secretValue } from '../random';
import type { OperationContext, ServiceHandler } from '../service';
import type { ManagedEndpoint, VirtualCluster } from '../types';
import { checkRange, checkString, decodeToken, optionalInteger, optionalString, page, requiredString, type Fail } from '../validate';

const DEFAULT_PAGE = 50;
const DEFAULT_DURATION = 900;
const MAX_DURATION = 43_200;

/** Patterns exactly as the API reference gives them (Smithy patterns are ECMAScript and not anchored). */
export const PATTERNS = {
  identifier: /.*\S.*/,
  executionRoleArn: /^arn:(aws[a-zA-Z0-9-]*):iam::(\d{12})?:(role((\u002F)|(\u002F[\u0021-\u007F]+\u002F))[\w+=,.@-]+)$/,
  credentialType: /^.*\S.*$/,
  logContext: /^((?!.*-s3alias)(?!xn--.*)[a-z0-9][-a-z0-9.]*)?[a-z0-9]$/,
  clientToken: /.*\S.*/,
  /** EndpointArn and VirtualClusterArn as the current model gives them. */
  endpointArn: /^arn:(aws[a-zA-Z0-9-]*):emr-containers:.+:(\d{12}):\/virtualclusters\/[0-9a-zA-Z]+\/endpoints\/[0-9a-zA-Z]+$/,
  virtualClusterArn: /^arn:(aws[a-zA-Z0-9-]*):emr-containers:.+:(\d{12}):\/virtualclusters\/[0-9a-zA-Z]+$/,
} as const;

const errors = {
  unknownKey: () => new ServiceError('UnrecognizedClientException', 403, 'The security token included in the request is invalid.'),
  expiredToken: () => new ServiceError('ExpiredTokenException', 403, 'The security token included in the request is expired'),
  badSignature: () =>
    new ServiceError(
      'InvalidSignatureException',
      403,
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    ),
  missingAuth: () => new ServiceError('MissingAuthenticationTokenException', 403, 'Missing Authentication Token'),
  // Only GetManagedEndpointSessionCredentials models its own throttling error; the others answer AWS's common one.
  throttle: (operation: string) =>
    operation === 'GetManagedEndpointSessionCredentials'
      ? new ServiceError('RequestThrottledException', 400, 'The request throttled.')
      : new ServiceError('ThrottlingException', 400, 'Rate exceeded'),
  internal: () => new ServiceError('InternalServerException', 500, 'This is an internal server exception.'),
  unknownOperation: (operation: string) => new ServiceError('UnknownOperationException', 404, `No operation matches ${operation}`),
  invalid: (message: string) => new ServiceError('ValidationException', 400, message),
};
const fail: Fail = (message) => {
  throw errors.invalid(message);
};
const notFound = (message: string): ServiceError => new ServiceError('ResourceNotFoundException', 400, message);

/**
 * GetManagedEndpointSessionCredentials documents its identifiers as ARNs; an id is accepted as well (the emulator's
 * assumption: AWS resolves either, as for the path labels above). An ARN must match the model's pattern and name this
 * region and account. Which form was used is recorded in the request log.
 */
function identifier(ctx: OperationContext, member: string, value: string, arnPattern: RegExp): string {
  if (!value.startsWith('arn:')) {
    ctx.recordIdentifierForm(member, 'id');
    return value;
  }
  // The member itself is any text (String2048): an ARN of another form names nothing, as an unknown id does.
  if (!arnPattern.test(value)) throw notFound(`${member} ${value} is not the ARN of an existing resource.`);
  const [, , , region, account] = value.split(':');
  if (region !== ctx.region || account !== ctx.world.accountId) throw notFound(`${member} ${value} names another region or account.`);
  ctx.recordIdentifierForm(member, 'arn');
  return value.slice(value.lastIndexOf('/') + 1);
}

function stringList(params: Record<string, unknown>, name: string): string[] {
  const value = params[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

function optionalDate(params: Record<string, unknown>, name: string): number | undefined {
  const value = optionalString(params, name, fail);
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t)) fail(`${name} must be an ISO-8601 timestamp.`);
  return t;
}

/** maxResults has no limits in the model; below 1 (invented) lists a default page. */
function pageSize(params: Record<string, unknown>): number {
  const size = optionalInteger(params, 'maxResults', fail);
  return size !== undefined && size >= 1 ? size : DEFAULT_PAGE;
}

/** ResourceIdString: 1–64 characters of [0-9a-z]. */
function resourceId(params: Record<string, unknown>, name: string): string {
  const value = requiredString(params, name, fail);
  checkString(name, value, 1, 64, fail, /^[0-9a-z]+$/);
  return value;
}

function vcArn(ctx: OperationContext, id: string): string {
  return `arn:aws:emr-containers:${ctx.region}:${ctx.world.accountId}:/virtualclusters/${id}`;
}

function virtualClusterShape(ctx: OperationContext, vc: VirtualCluster) {
  return {
    id: vc.id,
    name: vc.name,
    arn: vcArn(ctx, vc.id),
    state: vc.state,
    containerProvider: { type: 'EKS', id: vc.eksClusterName, info: { eksInfo: { namespace: vc.namespace } } },
    createdAt: vc.createdAt,
    tags: {},
  };
}

function endpointShape(ctx: OperationContext, e: ManagedEndpoint) {
  return {
    id: e.id,
    name: e.name,
    arn: `${vcArn(ctx, e.virtualClusterId)}/endpoints/${e.id}`,
    virtualClusterId: e.virtualClusterId,
    type: e.type,
    state: e.state,
    releaseLabel: e.releaseLabel,
    executionRoleArn: e.executionRoleArn,
    certificateArn: e.certificateArn,
    certificateAuthority: { certificateArn: e.certificateArn, certificateData: e.certificateData },
    serverUrl: e.serverUrl,
    authProxyUrl: e.authProxyUrl,
    createdAt: e.createdAt,
    securityGroup: 'sg-0a1b2c3d4e5f60718',
    subnetIds: ['subnet-0a1b2c3d4e5f60718'],
    stateDetails: e.state === 'TERMINATED_WITH_ERRORS' ? 'Endpoint failed to start.' : undefined,
    failureReason: e.state === 'TERMINATED_WITH_ERRORS' ? 'CLUSTER_UNAVAILABLE' : undefined,
    tags: {},
  };
}

function inRange(createdAt: string, after?: number, before?: number): boolean {
  const t = Date.parse(createdAt);
  return (after === undefined || t >= after) && (before === undefined || t <= before);
}

function listVirtualClusters(params: Record<string, unknown>, ctx: OperationContext) {
  const states = stringList(params, 'states');
  const after = optionalDate(params, 'createdAfter');
  const before = optionalDate(params, 'createdBefore');
  const providerId = optionalString(params, 'containerProviderId', fail);
  if (providerId !== undefined) checkString('containerProviderId', providerId, 1, 1024, fail, /^.*\S.*$/);
  const providerType = optionalString(params, 'containerProviderType', fail);
  if (providerType !== undefined && providerType !== 'EKS') fail('containerProviderType must be EKS.');
  const matching = ctx.resources.virtualClusters.filter(
    (vc) =>
      (!states.length || states.includes(vc.state)) &&
      (providerId === undefined || vc.eksClusterName === providerId) &&
      inRange(vc.createdAt, after, before),
  );
  const { items, next } = page(matching, decodeToken(optionalString(params, 'nextToken', fail), fail), pageSize(params));
  return { virtualClusters: items.map((vc) => virtualClusterShape(ctx, vc)), nextToken: next };
}

function listManagedEndpoints(params: Record<string, unknown>, ctx: OperationContext) {
  const vcId = resourceId(params, 'virtualClusterId');
  const states = stringList(params, 'states');
  const types = stringList(params, 'types');
  const after = optionalDate(params, 'createdAfter');
  const before = optionalDate(params, 'createdBefore');
  const matching = ctx.resources.managedEndpoints.filter(
    (e) =>
      e.virtualClusterId === vcId &&
      (!states.length || states.includes(e.state)) &&
      (!types.length || types.includes(e.type)) &&
      inRange(e.createdAt, after, before),
  );
  const { items, next } = page(matching, decodeToken(optionalString(params, 'nextToken', fail), fail), pageSize(params));
  return { endpoints: items.map((e) => endpointShape(ctx, e)), nextToken: next };
}

function findEndpoint(ctx: OperationContext, vcId: string, endpointId: string): ManagedEndpoint {
  const endpoint = ctx.resources.managedEndpoints.find((e) => e.id === endpointId && e.virtualClusterId === vcId);
  if (!endpoint) throw notFound(`Endpoint ${endpointId} of virtual cluster ${vcId} does not exist.`);
  return endpoint;
}

function describeManagedEndpoint(params: Record<string, unknown>, ctx: OperationContext) {
  const vcId = resourceId(params, 'virtualClusterId');
  const endpointId = resourceId(params, 'id');
  return { endpoint: endpointShape(ctx, findEndpoint(ctx, vcId, endpointId)) };
}

function getManagedEndpointSessionCredentials(params: Record<string, unknown>, ctx: OperationContext) {
  const endpointLabel = requiredString(params, 'endpointIdentifier', fail);
  checkString('endpointIdentifier', endpointLabel, 1, 2048, fail, PATTERNS.identifier);
  const vcLabel = requiredString(params, 'virtualClusterIdentifier', fail);
  checkString('virtualClusterIdentifier', vcLabel, 1, 2048, fail, PATTERNS.identifier);
  const vcId = identifier(ctx, 'virtualClusterIdentifier', vcLabel, PATTERNS.virtualClusterArn);
  const endpointId = identifier(ctx, 'endpointIdentifier', endpointLabel, PATTERNS.endpointArn);
  if (endpointLabel.startsWith('arn:') && !endpointLabel.includes(`/virtualclusters/${vcId}/`)) {
    throw notFound(`Endpoint ${endpointLabel} does not belong to virtual cluster ${vcLabel}.`);
  }
  const roleArn = requiredString(params, 'executionRoleArn', fail);
  checkString('executionRoleArn', roleArn, 20, 2048, fail, PATTERNS.executionRoleArn);
  const credentialType = requiredString(params, 'credentialType', fail);
  checkString('credentialType', credentialType, 1, 64, fail, PATTERNS.credentialType);
  if (credentialType !== 'TOKEN') fail(`credentialType ${JSON.stringify(credentialType)} is not supported; the supported value is TOKEN.`);
  const duration = optionalInteger(params, 'durationInSeconds', fail) ?? DEFAULT_DURATION;
  checkRange('durationInSeconds', duration, 1, MAX_DURATION, fail);
  const logContext = optionalString(params, 'logContext', fail);
  if (logContext !== undefined) checkString('logContext', logContext, 3, 63, fail, PATTERNS.logContext);
  const clientToken = optionalString(params, 'clientToken', fail);
  if (clientToken !== undefined) checkString('clientToken', clientToken, 1, 64, fail, PATTERNS.clientToken);

  const endpoint = findEndpoint(ctx, vcId, endpointId);
  if (endpoint.state !== 'ACTIVE') fail(`Endpoint ${endpoint.id} is in state ${endpoint.state}; it must be ACTIVE.`);

  const expiresAt = new Date(ctx.now.getTime() + duration * 1000).toISOString();
  const id = credentialId();
  const members = endpoint.credentialMembers ?? ['credentials'];
  if (ctx.unknownUnion) return { id, ...inMembers(members, { futureCredential: { version: 2, opaque: 'not-a-secret' } }), expiresAt };
  const token = secretValue(48);
  ctx.issue({ kind: 'token', secret: token, id, target: endpoint.id, expiresAt });
  return { id, ...inMembers(members, { token }), expiresAt };
}

/** The Credentials union under each member the endpoint answers with (credentials, endpointCredentials or both). */
function inMembers(members: readonly string[], union: object): Record<string, object> {
  return Object.fromEntries(members.map((m) => [m, union]));
}

export function emrContainersService(): ServiceHandler {
  return restJsonService({
    signingName: 'emr-containers',
    errors,
    routes: [
      { method: 'GET', path: '/virtualclusters', operation: 'ListVirtualClusters', listQuery: ['states'] },
      { method: 'GET', path: '/virtualclusters/{virtualClusterId}/endpoints', operation: 'ListManagedEndpoints', listQuery: ['states', 'types'] },
      { method: 'GET', path: '/virtualclusters/{virtualClusterId}/endpoints/{id}', operation: 'DescribeManagedEndpoint' },
      {
        method: 'POST',
        path: '/virtualclusters/{virtualClusterIdentifier}/endpoints/{endpointIdentifier}/credentials',
        operation: 'GetManagedEndpointSessionCredentials',
      },
    ],
    operations: {
      ListVirtualClusters: listVirtualClusters,
      ListManagedEndpoints: listManagedEndpoints,
      DescribeManagedEndpoint: describeManagedEndpoint,
      GetManagedEndpointSessionCredentials: getManagedEndpointSessionCredentials,
    },
  });
}
