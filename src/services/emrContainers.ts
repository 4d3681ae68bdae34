// Amazon EMR on EKS: virtual clusters, their managed endpoints (Jupyter Enterprise Gateways, Spark Connect servers,
// and types yet to come), and session tokens for an endpoint (GetManagedEndpointSessionCredentials, seeds 001–003,
// as the current AWS model in ../shared/aws-models/emr-containers has it).
import {
  DescribeManagedEndpointCommand,
  EMRContainersClient,
  GetManagedEndpointSessionCredentialsCommand,
  ListManagedEndpointsCommand,
  paginateListVirtualClusters,
  type EMRContainersClientConfig,
  type Endpoint,
  type EndpointState,
  type GetManagedEndpointSessionCredentialsCommandOutput,
  type ListManagedEndpointsCommandOutput,
  type VirtualCluster,
  type VirtualClusterState,
} from '@aws-sdk/client-emr-containers';
import { cachedClient } from './clients';
import { awsMessage, checkBeforeSend, errorName, firstPage, stateCategories, requireField, requiredRoleArn, sendOptions, sentence, textInput, unionMember } from './common';
import { authProxyUrlsOf, endpointCredentialsOf, sendKeepingJsonBody } from './emrContainersCatchUp';
import { JUPYTER_GATEWAY, SPARK_CONNECT, endpointTypeFormats, notebookRefusal, sparkConnectString } from './emrContainersTypes';
import type {
  AwsContext,
  ClipboardFormat,
  CredentialContext,
  CredentialMethod,
  IssuedCredential,
  ServiceModule,
  Target,
  TargetSource,
} from './types';
import { all, check, integerRange, length, notBlank, optional, pattern, required, toInteger, type Rule } from '../validation/rules';
import { l10n } from '../l10n';

export const VIRTUAL_CLUSTER = 'emr-containers:virtual-cluster';
export const MANAGED_ENDPOINT = 'emr-containers:endpoint';
const OPERATION = 'GetManagedEndpointSessionCredentials';

/** The only credential type the API supports today (seed 003); sent explicitly because it is required. */
export const CREDENTIAL_TYPE = 'TOKEN';
export const DURATION_DEFAULT = 900;
// The API documents only a maximum (12 hours) and a 15-minute default, no minimum: 1 second is the smallest
// positive whole number, and AWS answers ValidationException if it wants more.
export const DURATION_MIN = 1;
export const DURATION_MAX = 43_200;

/** logContext exactly as seed 003 publishes it. */
export const LOG_CONTEXT_PATTERN = /^((?!.*-s3alias)(?!xn--.*)[a-z0-9][-a-z0-9.]*)?[a-z0-9]$/;

/** logContext: 3–63 characters; the specific checks first name the slip, the seed's pattern decides. */
export const logContextRule: Rule = all(
  length(3, 63),
  check((t) => /^[a-z0-9.-]*$/.test(t), l10n.t('Only lowercase letters, digits, "." and "-" are allowed.')),
  check((t) => /^[a-z0-9]/.test(t) && /[a-z0-9]$/.test(t), l10n.t('Must start and end with a lowercase letter or digit.')),
  check((t) => !t.startsWith('xn--'), l10n.t('Must not start with "xn--".')),
  check((t) => !t.includes('-s3alias'), l10n.t('Must not contain "-s3alias".')),
  pattern(
    LOG_CONTEXT_PATTERN,
    l10n.t('Lowercase letters, digits, "." and "-" only, starting and ending with a letter or digit; must not start with xn-- or contain -s3alias.'),
  ),
);

/** credentialType: 1–64 characters with a non-space (`^.*\S.*$`). */
export const credentialTypeRule: Rule = required(length(1, 64), notBlank);

/** endpointIdentifier and virtualClusterIdentifier: 1–2048 characters, `.*\S.*`. */
export const identifierRule: Rule = required(length(1, 2048), notBlank);

export const durationRule: Rule = optional(integerRange(DURATION_MIN, DURATION_MAX, l10n.t('seconds')));

function client(ctx: AwsContext): EMRContainersClient {
  return cachedClient({ id: 'EMR containers', name: 'Amazon EMR on EKS' }, ctx.clientConfig, (config) => new EMRContainersClient({ ...config } as EMRContainersClientConfig));
}

export const virtualClusterCategory = stateCategories({ active: ['RUNNING'], starting: ['PENDING'], stopping: ['TERMINATING'], failed: ['ARRESTED'] });

export const endpointCategory = stateCategories({ active: ['ACTIVE'], starting: ['CREATING'], stopping: ['TERMINATING'], failed: ['TERMINATED_WITH_ERRORS'] });

function virtualClusterTarget(ctx: AwsContext, v: VirtualCluster): Target | undefined {
  if (!v.id) return undefined;
  const state = v.state ?? 'UNKNOWN';
  return {
    kind: VIRTUAL_CLUSTER,
    location: ctx.location,
    id: v.id,
    arn: v.arn,
    name: v.name || v.id,
    state,
    stateCategory: virtualClusterCategory(state),
    createdAt: v.createdAt,
    hasChildren: true,
    details: {
      eksCluster: v.containerProvider?.id,
      namespace: v.containerProvider?.info?.eksInfo?.namespace,
    },
  };
}

function endpointTarget(ctx: AwsContext, parent: Target, e: Endpoint, authProxyUrl: string | undefined): Target | undefined {
  if (!e.id) return undefined;
  const state = e.state ?? 'UNKNOWN';
  return {
    kind: MANAGED_ENDPOINT,
    location: ctx.location,
    id: e.id,
    arn: e.arn,
    name: e.name || e.id,
    state,
    stateCategory: endpointCategory(state),
    createdAt: e.createdAt,
    endpoint: e.serverUrl || undefined,
    parentId: e.virtualClusterId || parent.id,
    type: e.type || undefined,
    details: {
      // Offered as the execution role's default: the role the endpoint itself runs with.
      executionRoleArn: e.executionRoleArn,
      type: e.type,
      releaseLabel: e.releaseLabel,
      // Where a Spark Connect client connects (on port 443), when the endpoint has an authentication proxy.
      authProxyUrl,
      virtualClusterArn: parent.arn ?? virtualClusterArnOf(e.arn),
    },
  };
}

/** An endpoint ARN (…:/virtualclusters/VC/endpoints/EP) names its virtual cluster's ARN as its prefix. */
function virtualClusterArnOf(endpointArn: string | undefined): string | undefined {
  const at = endpointArn?.lastIndexOf('/endpoints/') ?? -1;
  return at > 0 ? endpointArn!.slice(0, at) : undefined;
}

/**
 * The identifiers GetManagedEndpointSessionCredentials documents: the endpoint's ARN and its virtual cluster's ARN
 * (both come with the listing); the ids only where no ARN is known (a target rebuilt from a notebook's metadata).
 */
export function sessionIdentifiers(target: Target): { endpointIdentifier: string; virtualClusterIdentifier: string } {
  const vcArn = target.details.virtualClusterArn;
  return {
    endpointIdentifier: target.arn || target.id,
    virtualClusterIdentifier: (typeof vcArn === 'string' && vcArn) || target.parentId || '',
  };
}

export const emrContainersSource: TargetSource = {
  id: 'emrContainers.virtualClusters',
  label: 'EMR on EKS',
  icon: 'layers',
  listActions: ['emr-containers:ListVirtualClusters', 'emr-containers:ListManagedEndpoints'],
  async listPage(ctx, options) {
    const states: VirtualClusterState[] | undefined = options.includeInactive ? undefined : ['RUNNING'];
    const pages = paginateListVirtualClusters(
      { client: client(ctx), startingToken: options.pageToken, pageSize: options.pageSize },
      { states },
      sendOptions(ctx),
    );
    return firstPage(pages, (page) => ({ items: page.virtualClusters, next: page.nextToken }), (v) => virtualClusterTarget(ctx, v));
  },
  async listChildren(ctx, parent, options) {
    const states: EndpointState[] | undefined = options.includeInactive ? undefined : ['ACTIVE', 'CREATING'];
    // One page per call (the tree pages), sent so that the members the SDK drops (authProxyUrl) can be read too.
    const command = new ListManagedEndpointsCommand({ virtualClusterId: parent.id, states, nextToken: options.pageToken, maxResults: options.pageSize });
    const { output, body } = await sendKeepingJsonBody<ListManagedEndpointsCommand, ListManagedEndpointsCommandOutput>(client(ctx), command, sendOptions(ctx));
    const proxies = authProxyUrlsOf(body);
    return firstPage(onePage(output), (page) => ({ items: page.endpoints, next: page.nextToken }), (e) => endpointTarget(ctx, parent, e, e.id ? proxies.get(e.id) : undefined));
  },
};

async function* onePage<P>(page: P): AsyncIterable<P> {
  yield page;
}

/**
 * Headers that carry a session token to a managed endpoint. This is Jupyter Server's gateway-client
 * convention (`Authorization: token <token>`); that managed endpoints expect exactly this form is not
 * confirmed, so it lives here only.
 */
export function gatewayAuthHeaders(credential: IssuedCredential): Record<string, string> {
  return { Authorization: `token ${credential.secret}` };
}

/** The session as JSON for scripts: where to connect, with what, until when. */
export function sessionJson(ctx: CredentialContext): string {
  return JSON.stringify(
    {
      endpoint: ctx.target.endpoint ?? null,
      endpointId: ctx.target.id,
      virtualCluster: ctx.target.parentId ?? null,
      token: ctx.credential.secret,
      expiresAt: ctx.credential.expiresAt.toISOString(),
    },
    null,
    2,
  );
}

/**
 * A terminal's variables by endpoint type: Spark Connect clients (`pyspark`, `spark-connect` shells) read
 * `SPARK_REMOTE`; Jupyter Server's gateway client reads the gateway URL and token (`jupyter lab` then runs kernels on
 * the endpoint; its default auth scheme, `token`, is the one gatewayAuthHeaders sends). Other types get the token.
 */
export function endpointTerminalEnvironment(ctx: CredentialContext): Record<string, string> {
  if (ctx.target.type === SPARK_CONNECT) return { SPARK_REMOTE: sparkConnectString(ctx) };
  if (ctx.target.type !== undefined && ctx.target.type !== JUPYTER_GATEWAY) return { EMR_CONTAINERS_SESSION_TOKEN: ctx.credential.secret };
  return { ...(ctx.target.endpoint ? { JUPYTER_GATEWAY_URL: ctx.target.endpoint } : {}), JUPYTER_GATEWAY_AUTH_TOKEN: ctx.credential.secret };
}

const tokenFormats: readonly ClipboardFormat[] = [
  { id: 'token', label: l10n.t('Session token'), description: l10n.t('The token alone'), render: (c) => c.credential.secret },
  {
    id: 'authHeader',
    label: l10n.t('Authorization header'),
    description: l10n.t('Authorization: token <token> (Jupyter gateway convention)'),
    render: (c) => Object.entries(gatewayAuthHeaders(c.credential)).map(([k, v]) => `${k}: ${v}`).join('\n'),
    appliesTo: (target) => target.type === undefined || target.type === JUPYTER_GATEWAY,
  },
  { id: 'sessionJson', label: l10n.t('Session JSON'), description: '{ endpoint, endpointId, virtualCluster, token, expiresAt }', render: sessionJson },
];

/** Every endpoint gets the token formats; an endpoint type Cluster Pass knows adds its clients' formats. */
const formats: readonly ClipboardFormat[] = [...tokenFormats, ...endpointTypeFormats];

/**
 * The session token: `credentials.token`, else `endpointCredentials.token` (the member the current API documents
 * beside it). Neither: the union's unknown member is named, or the answer is incomplete.
 */
export function sessionToken(output: Pick<GetManagedEndpointSessionCredentialsCommandOutput, 'credentials'>, body: Record<string, unknown> | undefined): string {
  const unions = [output.credentials, endpointCredentialsOf(body)];
  for (const union of unions) {
    const token = (union as { token?: unknown } | undefined)?.token;
    if (typeof token === 'string' && token !== '') return token;
  }
  const sent = unions.find((u) => u && typeof u === 'object' && Object.keys(u).length > 0);
  return requireField(unionMember<string>(sent, 'token', OPERATION, 'credentials'), OPERATION, 'credentials.token');
}

export const emrContainersSessionToken: CredentialMethod = {
  id: 'emrContainers.sessionToken',
  label: l10n.t('Managed endpoint session token (GetManagedEndpointSessionCredentials)'),
  targetKind: MANAGED_ENDPOINT,
  operation: OPERATION,
  iamActions: ['emr-containers:GetManagedEndpointSessionCredentials'],
  parameters: [
    {
      key: 'executionRoleArn',
      label: l10n.t('Execution role ARN'),
      type: 'text',
      required: true,
      prompt: l10n.t('IAM execution role the session runs as: arn:aws:iam::123456789012:role/NAME (20–2048 characters).'),
      placeholder: 'arn:aws:iam::123456789012:role/NAME',
      remember: true,
      defaultValue: (target) => (typeof target.details.executionRoleArn === 'string' ? target.details.executionRoleArn : undefined),
      validate: requiredRoleArn,
    },
    {
      key: 'durationInSeconds',
      label: l10n.t('Duration (seconds)'),
      type: 'integer',
      required: false,
      prompt: l10n.t("How long the token is valid: {0}–{1} seconds (12 hours); AWS's default is {2} (15 minutes).", DURATION_MIN, DURATION_MAX, DURATION_DEFAULT),
      placeholder: String(DURATION_DEFAULT),
      defaultValue: () => DURATION_DEFAULT,
      validate: durationRule,
    },
    {
      key: 'logContext',
      label: l10n.t('Log context'),
      type: 'text',
      required: false,
      prompt: l10n.t('Optional label that separates this session in the S3 logs: 3–63 lowercase letters, digits, "." or "-".'),
      placeholder: 'my-notebook',
      remember: true,
      validate: optional(logContextRule),
    },
  ],
  validateTarget(target) {
    const ids = sessionIdentifiers(target);
    const endpoint = identifierRule(ids.endpointIdentifier);
    if (endpoint) return l10n.t('Endpoint identifier: {0}', endpoint);
    const vc = identifierRule(ids.virtualClusterIdentifier || undefined);
    if (vc) return l10n.t('Virtual cluster identifier: {0}', vc);
    return credentialTypeRule(CREDENTIAL_TYPE);
  },
  async fetch(ctx, target, input) {
    checkBeforeSend(emrContainersSessionToken, target, input);
    const command = new GetManagedEndpointSessionCredentialsCommand({
      ...sessionIdentifiers(target),
      executionRoleArn: textInput(input.executionRoleArn) ?? '',
      credentialType: CREDENTIAL_TYPE,
      durationInSeconds: toInteger(input.durationInSeconds ?? undefined) ?? DURATION_DEFAULT,
      logContext: textInput(input.logContext),
      // clientToken: left to the SDK, which fills in an idempotency token.
    });
    const { output: out, body } = await sendKeepingJsonBody<GetManagedEndpointSessionCredentialsCommand, GetManagedEndpointSessionCredentialsCommandOutput>(client(ctx), command, sendOptions(ctx));
    return {
      secret: sessionToken(out, body),
      expiresAt: requireField(out.expiresAt, OPERATION, 'expiresAt'),
      id: out.id || undefined,
    };
  },
  formats,
  terminalEnvironment: endpointTerminalEnvironment,
  explainError(error, target) {
    const name = errorName(error);
    const msg = awsMessage(error);
    const aws = msg ? ` ${l10n.t('AWS says: {0}', sentence(msg))}` : '';
    switch (name) {
      case 'ValidationException':
        return l10n.t('EMR on EKS rejected a value.{0} Correct that field (execution role ARN, duration or log context) and try again.', aws);
      case 'ResourceNotFoundException':
        return l10n.t('Managed endpoint {0} or its virtual cluster {1} no longer exists, or the execution role was not found.{2} Refresh the tree and choose an active endpoint.', target.name, target.parentId ?? '', aws);
      case 'RequestThrottledException':
        return l10n.t("EMR on EKS is throttling requests and still refused after the SDK's retries. Wait a minute, then retry.");
      case 'InternalServerException':
        return l10n.t("EMR on EKS had an internal error. This is on AWS's side: wait a moment and retry.");
      default:
        return undefined;
    }
  },
  notebookRefusal,
  async jupyterUpstream(ctx, target) {
    const out = await client(ctx).send(new DescribeManagedEndpointCommand({ id: target.id, virtualClusterId: target.parentId ?? '' }), sendOptions(ctx));
    const e = out.endpoint;
    if (e?.state && e.state !== 'ACTIVE') {
      throw new Error(l10n.t('Managed endpoint {0} is {1}; it must be ACTIVE to connect. Refresh the tree and try again later.', target.name, e.state));
    }
    const baseUrl = requireField(e?.serverUrl, 'DescribeManagedEndpoint', 'endpoint.serverUrl');
    const data = e?.certificateAuthority?.certificateData;
    return {
      baseUrl,
      certificateAuthority: data ? Buffer.from(data, 'base64').toString('utf8') : undefined,
      headers: gatewayAuthHeaders,
    };
  },
};

export const emrContainersModule: ServiceModule = {
  id: 'emrContainers',
  sources: [emrContainersSource],
  methods: [emrContainersSessionToken],
};
