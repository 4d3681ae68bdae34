// Amazon EMR on EC2: clusters, and HTTP Basic credentials for a runtime role (GetClusterSessionCredentials,
// seed 000) that cluster endpoints such as Livy accept.
import {
  DescribeClusterCommand,
  EMRClient,
  GetClusterSessionCredentialsCommand,
  paginateListClusters,
  type ClusterState,
  type ClusterSummary,
  type EMRClientConfig,
} from '@aws-sdk/client-emr';
import { cachedClient } from './clients';
import { awsMessage, checkBeforeSend, errorName, firstPage, stateCategories, requireField, roleArnRules, sendOptions, sentence, textInput, unionMember } from './common';
import { base64Utf8, shellQuote, urlHost } from './encoding';
import type {
  AwsContext,
  BridgeClientConfig,
  BridgeEndpoint,
  ClipboardFormat,
  CredentialContext,
  CredentialMethod,
  IssuedCredential,
  JupyterUpstream,
  ServiceModule,
  Target,
  TargetSource,
} from './types';
import { length, optional, required } from '../validation/rules';
import { l10n } from '../l10n';

export const EMR_CLUSTER = 'emr:cluster';
const OPERATION = 'GetClusterSessionCredentials';
/** Livy's default port (`livy.server.port` may change it; a target may carry `details.livyPort`). */
export const LIVY_DEFAULT_PORT = 8998;
const MASTER_DNS_PLACEHOLDER = '<master-public-dns>';
/** New cluster credentials take about 3 s to reach the cluster's endpoints (the SageMaker analytics extension waits as long). */
export const CREDENTIAL_SETTLE_MS = 3000;

const ACTIVE_STATES: ClusterState[] = ['STARTING', 'BOOTSTRAPPING', 'RUNNING', 'WAITING'];

function client(ctx: AwsContext): EMRClient {
  return cachedClient({ id: 'EMR', name: 'Amazon EMR' }, ctx.clientConfig, (config) => new EMRClient({ ...config } as EMRClientConfig));
}

export const emrStateCategory = stateCategories({ active: ['RUNNING', 'WAITING'], starting: ['STARTING', 'BOOTSTRAPPING'], stopping: ['TERMINATING'], failed: ['TERMINATED_WITH_ERRORS'] });

function toTarget(ctx: AwsContext, c: ClusterSummary): Target | undefined {
  if (!c.Id) return undefined;
  const state = c.Status?.State ?? 'UNKNOWN';
  return {
    kind: EMR_CLUSTER,
    location: ctx.location,
    id: c.Id,
    arn: c.ClusterArn,
    name: c.Name || c.Id,
    state,
    stateCategory: emrStateCategory(state),
    createdAt: c.Status?.Timeline?.CreationDateTime,
    // ListClusters does not return the master's DNS name; fetching it per cluster would cost a call each.
    endpoint: undefined,
    details: {},
  };
}

export const emrClusters: TargetSource = {
  id: 'emr.clusters',
  label: l10n.t('EMR clusters'),
  icon: 'server-process',
  listActions: ['elasticmapreduce:ListClusters'],
  async listPage(ctx, options) {
    // ListClusters has no page-size parameter: AWS decides (at most 50).
    const pages = paginateListClusters(
      { client: client(ctx), startingToken: options.pageToken },
      { ClusterStates: options.includeInactive ? undefined : ACTIVE_STATES },
      sendOptions(ctx),
    );
    return firstPage(pages, (page) => ({ items: page.Clusters, next: page.Marker }), (c) => toTarget(ctx, c));
  },
};

/** Master DNS names already learned, per client (so per profile and region): a cluster keeps its master for life. */
const knownMasters = new WeakMap<EMRClient, Map<string, string>>();

/** The master node's public DNS name, or undefined; asked of AWS once per cluster. */
async function masterDns(ctx: AwsContext, clusterId: string): Promise<string | undefined> {
  const emr = client(ctx);
  let known = knownMasters.get(emr);
  if (!known) knownMasters.set(emr, (known = new Map()));
  const cached = known.get(clusterId);
  if (cached) return cached;
  const out = await emr.send(new DescribeClusterCommand({ ClusterId: clusterId }), sendOptions(ctx));
  const dns = out.Cluster?.MasterPublicDnsName || undefined;
  if (dns) known.set(clusterId, dns);
  return dns;
}

function livyPort(target: Target): number {
  const p = target.details.livyPort;
  if (typeof p === 'number' && Number.isInteger(p) && p > 0 && p < 65536) return p;
  if (typeof p === 'string' && /^\d{1,5}$/.test(p) && Number(p) > 0 && Number(p) < 65536) return Number(p);
  return LIVY_DEFAULT_PORT;
}

/** The host formats use: learned at fetch time, else the target's endpoint, else a placeholder to edit. */
function hostOf(ctx: CredentialContext): string {
  const fromFetch = ctx.credential.details?.masterDns;
  if (typeof fromFetch === 'string' && fromFetch !== '') return fromFetch;
  return ctx.target.endpoint || MASTER_DNS_PLACEHOLDER;
}

export function livyUrl(host: string, port: number): string {
  return `https://${urlHost(host)}:${port}`;
}

/** HTTP Basic `Authorization` header value for the issued user and password (RFC 7617, UTF-8). */
export function basicAuthorization(credential: IssuedCredential): string {
  return `Basic ${base64Utf8(`${credential.user ?? ''}:${credential.secret}`)}`;
}

/** A word for a sparkmagic line: as is when it is plainly safe, else POSIX single-quoted (IPython splits magic arguments like a shell). */
function magicWord(text: string): string {
  return /^[A-Za-z0-9@%+=:,./_-]+$/.test(text) ? text : shellQuote(text);
}

/** A sparkmagic session name from the cluster id: letters, digits and _ only. */
function sessionName(target: Target): string {
  return `emr_${target.id.replace(/[^A-Za-z0-9]+/g, '_')}`.toLowerCase();
}

/** `%spark add` line for sparkmagic's Livy client with Basic access (its auth type is named Basic_Access). */
export function sparkmagicLine(ctx: CredentialContext): string {
  const url = livyUrl(hostOf(ctx), livyPort(ctx.target));
  return `%spark add -s ${sessionName(ctx.target)} -l python -u ${url} -a ${magicWord(ctx.credential.user ?? '')} -p ${magicWord(ctx.credential.secret)} -t Basic_Access`;
}

/**
 * The user name sparkmagic sends to a bridge; the bridge ignores it (the password, the bridge token, is what counts),
 * and sends the cluster's own Basic credential upstream instead.
 */
export const BRIDGE_BASIC_USER = 'cluster-pass';

/** The bridge URL as sparkmagic wants a Livy URL: no trailing slash (it appends `/sessions`). */
function bridgeLivyUrl(bridge: BridgeEndpoint): string {
  return bridge.url.replace(/\/+$/, '');
}

/** A sparkmagic session name from any text: letters, digits and _ only, starting with a letter. */
export function bridgeSessionName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toLowerCase();
  return /^[a-z]/.test(cleaned) ? cleaned : `emr_${cleaned || 'session'}`;
}

/** sparkmagic settings that use a Livy bridge: its local URL, and its token as the Basic password. No AWS secret. */
export const livyClientConfigs: readonly BridgeClientConfig[] = [
  {
    id: 'sparkmagicAdd',
    label: l10n.t('sparkmagic %spark add line'),
    description: l10n.t('For the %spark magics in an IPython kernel (%load_ext sparkmagic.magics)'),
    render: (b) => `%spark add -s ${bridgeSessionName(b.name)} -l python -u ${bridgeLivyUrl(b)} -a ${BRIDGE_BASIC_USER} -p ${magicWord(b.token)} -t Basic_Access`,
  },
  {
    id: 'sparkmagicConfig',
    label: 'sparkmagic kernel_python_credentials',
    description: l10n.t('For ~/.sparkmagic/config.json (the PySpark kernel)'),
    render: (b) => `"kernel_python_credentials": ${JSON.stringify({ username: BRIDGE_BASIC_USER, password: b.token, url: bridgeLivyUrl(b), auth: 'Basic_Access' }, null, 2)}`,
  },
];

/**
 * A terminal's Livy variables: the cluster's Livy URL and its Basic credential, as parts and as the header value, so
 * that `curl -u "$LIVY_USERNAME:$LIVY_PASSWORD" "$LIVY_URL/sessions"` (or `-H "Authorization: $LIVY_AUTHORIZATION"`)
 * and a sparkmagic `%spark add -u $LIVY_URL -a $LIVY_USERNAME -p $LIVY_PASSWORD -t Basic_Access` work as typed.
 */
export function livyTerminalEnvironment(ctx: CredentialContext): Record<string, string> {
  return {
    LIVY_URL: livyUrl(hostOf(ctx), livyPort(ctx.target)),
    LIVY_USERNAME: ctx.credential.user ?? '',
    LIVY_PASSWORD: ctx.credential.secret,
    LIVY_AUTHORIZATION: basicAuthorization(ctx.credential),
  };
}

const formats: readonly ClipboardFormat[] = [
  { id: 'password', label: l10n.t('Password'), description: l10n.t('The temporary password'), render: (c) => c.credential.secret },
  { id: 'username', label: l10n.t('User name'), description: l10n.t('The temporary user name'), render: (c) => c.credential.user ?? '' },
  { id: 'userPassword', label: 'user:password', description: l10n.t('For curl -u and similar'), render: (c) => `${c.credential.user ?? ''}:${c.credential.secret}` },
  { id: 'basicAuth', label: l10n.t('Authorization header value'), description: l10n.t('Basic <base64 of user:password>'), render: (c) => basicAuthorization(c.credential) },
  { id: 'sparkmagic', label: l10n.t('sparkmagic %spark add line'), description: l10n.t('Livy endpoint on the master node with Basic access'), render: sparkmagicLine },
];

export const emrSessionCredentials: CredentialMethod = {
  id: 'emr.sessionCredentials',
  label: l10n.t('Runtime-role session credentials (GetClusterSessionCredentials)'),
  targetKind: EMR_CLUSTER,
  operation: OPERATION,
  iamActions: ['elasticmapreduce:GetClusterSessionCredentials'],
  parameters: [
    {
      key: 'executionRoleArn',
      label: l10n.t('Execution role ARN'),
      type: 'text',
      // Optional in the API (seed 000); clusters with runtime roles need it to scope the credentials.
      required: false,
      prompt: l10n.t('Runtime IAM role for the session (may be cross-account), e.g. arn:aws:iam::123456789012:role/NAME; leave empty to omit it.'),
      placeholder: 'arn:aws:iam::123456789012:role/NAME',
      remember: true,
      // ARN lengths (20–2048) as for every AWS ARN parameter; the role pattern is the one EMR on EKS publishes.
      validate: optional(roleArnRules),
    },
  ],
  validateTarget: (target) => {
    const problem = required(length(1, 256))(target.id);
    return problem ? l10n.t('Cluster id: {0}', problem) : undefined;
  },
  async fetch(ctx, target, input) {
    checkBeforeSend(emrSessionCredentials, target, input);
    const send = client(ctx).send(
      new GetClusterSessionCredentialsCommand({ ClusterId: target.id, ExecutionRoleArn: textInput(input.executionRoleArn) }),
      sendOptions(ctx),
    );
    // The master DNS makes the Livy line usable as is. Best effort, in parallel: its failure (say, no
    // elasticmapreduce:DescribeCluster permission) must not cost the user the credential.
    const dns = target.endpoint ? Promise.resolve(target.endpoint) : masterDns(ctx, target.id).catch(() => undefined);
    const out = await send;
    const pair = unionMember<{ Username?: string; Password?: string }>(out.Credentials, 'UsernamePassword', OPERATION, 'Credentials');
    const credential: IssuedCredential = {
      user: requireField(pair.Username, OPERATION, 'Credentials.UsernamePassword.Username'),
      secret: requireField(pair.Password, OPERATION, 'Credentials.UsernamePassword.Password'),
      expiresAt: requireField(out.ExpiresAt, OPERATION, 'ExpiresAt'),
    };
    const host = await dns;
    return host ? { ...credential, details: { masterDns: host } } : credential;
  },
  formats,
  terminalEnvironment: livyTerminalEnvironment,
  explainError(error, target) {
    const name = errorName(error);
    if (name === 'InvalidRequestException') {
      const code = (error as { ErrorCode?: string }).ErrorCode;
      const msg = awsMessage(error);
      return l10n.t('EMR rejected the request{0}{1} Check that cluster {2} is running with runtime roles enabled and that the execution role ARN is right and trusts the cluster, then try again.', code ? ` (${code})` : '', msg ? `: ${sentence(msg)}` : '.', target.id);
    }
    if (name === 'InternalServerError' || name === 'InternalServerException') {
      return l10n.t("EMR had an internal error ({0}). This is on AWS's side: wait a moment and retry.", name);
    }
    return undefined;
  },
  async jupyterUpstream(ctx, target) {
    const host = await masterDns(ctx, target.id);
    if (!host) throw new Error(l10n.t('Cluster {0} has no master DNS name yet (state {1}). Wait until it is RUNNING or WAITING, then try again.', target.id, target.state));
    const upstream: JupyterUpstream = {
      baseUrl: livyUrl(host, livyPort(target)),
      kind: 'http',
      settleMs: CREDENTIAL_SETTLE_MS,
      clientConfigs: livyClientConfigs,
      headers: (credential) => ({ Authorization: basicAuthorization(credential) }),
    };
    return upstream;
  },
};

export const emrModule: ServiceModule = {
  id: 'emr',
  sources: [emrClusters],
  methods: [emrSessionCredentials],
};
