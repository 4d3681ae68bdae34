// The emulator's data model: the simulated AWS account ("world"), what it records, and fault settings.
// Timestamps in the world are ISO-8601 strings so a world can travel as JSON over the control routes.

export type EmrClusterState =
  | 'STARTING'
  | 'BOOTSTRAPPING'
  | 'RUNNING'
  | 'WAITING'
  | 'TERMINATING'
  | 'TERMINATED'
  | 'TERMINATED_WITH_ERRORS';

export interface EmrCluster {
  id: string;
  name: string;
  state: EmrClusterState;
  createdAt: string;
  releaseLabel: string;
  masterPublicDnsName?: string;
  /** Applications installed (e.g. Spark, Livy, JupyterEnterpriseGateway). */
  applications: string[];
  normalizedInstanceHours: number;
}

export type VirtualClusterState = 'PENDING' | 'RUNNING' | 'TERMINATING' | 'TERMINATED' | 'ARRESTED';

export interface VirtualCluster {
  id: string;
  name: string;
  state: VirtualClusterState;
  createdAt: string;
  eksClusterName: string;
  namespace: string;
}

export type EndpointState = 'CREATING' | 'ACTIVE' | 'TERMINATING' | 'TERMINATED' | 'TERMINATED_WITH_ERRORS';

export interface ManagedEndpoint {
  id: string;
  name: string;
  virtualClusterId: string;
  state: EndpointState;
  type: string;
  releaseLabel: string;
  executionRoleArn: string;
  serverUrl?: string;
  /** The authentication proxy a Spark Connect client connects to (port 443); absent for Jupyter gateways. */
  authProxyUrl?: string;
  /**
   * Which members of GetManagedEndpointSessionCredentials' answer carry the token (the current model has `credentials`
   * and `endpointCredentials`, both the same union); default: `credentials` only.
   */
  credentialMembers?: ('credentials' | 'endpointCredentials')[];
  certificateArn?: string;
  /** Base64 of a PEM certificate. */
  certificateData?: string;
  createdAt: string;
}

export type RedshiftClusterStatus = 'available' | 'paused' | 'creating' | 'deleting' | 'modifying' | 'resuming';

export interface RedshiftCluster {
  identifier: string;
  status: RedshiftClusterStatus;
  nodeType: string;
  numberOfNodes: number;
  dbName: string;
  masterUsername: string;
  port: number;
  createdAt: string;
  /** Address is absent while a cluster is being created. */
  address?: string;
  namespaceId: string;
  /** GetClusterCredentials on this cluster answers UnsupportedOperation. */
  unsupported?: boolean;
}

export type WorkgroupStatus = 'CREATING' | 'AVAILABLE' | 'MODIFYING' | 'DELETING';

export interface Workgroup {
  id: string;
  name: string;
  namespaceName: string;
  status: WorkgroupStatus;
  baseCapacity: number;
  port: number;
  address: string;
  createdAt: string;
}

export interface RegionWorld {
  /** Listed in this order (newest first, as AWS lists them). */
  emrClusters: EmrCluster[];
  virtualClusters: VirtualCluster[];
  managedEndpoints: ManagedEndpoint[];
  redshiftClusters: RedshiftCluster[];
  workgroups: Workgroup[];
}

/** An IAM role STS AssumeRole (and the SSO portal) hands out temporary credentials for. */
export interface Role {
  arn: string;
  /** An MFA device the caller must name (SerialNumber) with `mfaCode` (TokenCode). */
  mfaSerial?: string;
  /** The one valid MFA code for `mfaSerial` (default '123456'). */
  mfaCode?: string;
  /** The ExternalId the role's trust policy requires, if any. */
  externalId?: string;
  /** The role's MaxSessionDuration in seconds (AWS default 3,600; DurationSeconds above it is refused). */
  maxSessionDuration?: number;
  /**
   * Tests only: issued credentials expire after this many seconds whatever DurationSeconds asked for (AWS's minimum
   * is 900), so expiry and refresh can be shown in seconds. The Expiration returned says the same.
   */
  sessionSeconds?: number;
}

/** The stand-in IAM Identity Center portal: access tokens it accepts and the account roles they may use. */
export interface SsoPortal {
  /** Access tokens (as `aws sso login` caches them) the portal accepts. */
  accessTokens: string[];
  /** Role names the tokens may use, per account id ("123456789012/Analyst"), in the order ListAccounts lists them. */
  assignments: string[];
  /** Items per ListAccounts / ListAccountRoles page when the caller names no max_result (default 50). */
  pageSize?: number;
}

/** Another AWS account of the organisation: what IAM Identity Center names it and the resources in it. */
export interface AccountWorld {
  name: string;
  email?: string;
  regions: Record<string, RegionWorld>;
}

export interface World {
  accountId: string;
  regions: Record<string, RegionWorld>;
  /** Roles that can be assumed (absent: none). */
  roles?: Role[];
  sso?: SsoPortal;
  /**
   * More accounts by id (for IAM Identity Center discovery). A request signed with credentials of one of them (from
   * the SSO portal) sees that account's regions; everything else sees `regions`.
   */
  accounts?: Record<string, AccountWorld>;
}

/** A key pair the emulator accepts, and the IAM identity it stands for. */
export interface KeyPair {
  accessKeyId: string;
  secretAccessKey: string;
  /** Defaults to arn:aws:iam::<account>:user/cluster-pass-tester. */
  principalArn?: string;
}

export interface RecordedRequest {
  service: string;
  operation: string;
  region: string;
  accessKeyId?: string;
  /**
   * When the request carried X-Amz-Security-Token: the first 16 hex digits of its SHA-256 (never the token itself),
   * to compare with `tokenFingerprint(issued token)`.
   */
  sessionToken?: string;
  /** Parameters as the emulator parsed them (never contains secrets: none of these APIs take one). */
  params: Record<string, unknown>;
  /** HTTP status answered; 0 while pending (e.g. a hanging fault). */
  status: number;
  /** Error code answered, if any. */
  error?: string;
  /** Which form each identifier member took, where an API accepts an ARN or an id (EMR on EKS endpointIdentifier…). */
  identifierForms?: Record<string, 'arn' | 'id'>;
  time: string;
}

export interface IssuedSecret {
  service: string;
  operation: string;
  region: string;
  /** password/token: a service's database or notebook credential; aws-*: temporary AWS credentials (STS, SSO). */
  kind: 'password' | 'token' | 'aws-secret-access-key' | 'aws-session-token';
  /** The user name that goes with a password (absent for tokens). */
  user?: string;
  secret: string;
  /** Identifier of the credential when the API returns one (EMR on EKS token id; the access key id of AWS credentials). */
  id?: string;
  /** Cluster id, endpoint id or workgroup name the secret is for. */
  target: string;
  issuedAt: string;
  expiresAt: string;
}

/**
 * Answers that change a call: AWS's own (throttle, error 500, unknownUnion, malformed: a cut-off body, hang), and
 * answers that are not the service's, as a wrong endpoint_url or a proxy gives them: htmlPage (an HTML error page with
 * `status`, default 404), unknownRoute (404 with a body that is no AWS error), missingAuthToken (API front door's 403
 * MissingAuthenticationToken… for a path it does not serve), unknownOperation (the service's UnknownOperationException),
 * notProtocol (200 with a plain-text body).
 */
export type FaultKind =
  | 'throttle'
  | 'error'
  | 'latency'
  | 'unknownUnion'
  | 'malformed'
  | 'hang'
  | 'htmlPage'
  | 'unknownRoute'
  | 'missingAuthToken'
  | 'unknownOperation'
  | 'notProtocol';

export interface Fault {
  kind: FaultKind;
  /** How many requests it applies to; default 1, except latency, which defaults to every request. */
  count?: number;
  /** Delay for kind 'latency'. */
  ms?: number;
  /** HTTP status for kind 'htmlPage' (default 404). */
  status?: number;
}
