// The one interface every AWS service module implements. Tree, prompts, sessions, status bar,
// clipboard and the Jupyter bridge are generic over it: to add a service, add a module under
// src/services/ and list it in src/services/registry.ts.

/** Where a target lives: the AWS profile and region it was listed under. */
export interface Location {
  readonly profile: string;
  readonly region: string;
}

/** Coarse state shared by all services; drives icons, sort order and the "hide terminated" filter. */
export type StateCategory = 'active' | 'starting' | 'stopping' | 'inactive' | 'failed';

/** Something credentials can be fetched for (a cluster, an endpoint, a workgroup), or a container of such things. */
export interface Target {
  /** `<service>:<type>`, e.g. `emr:cluster`; credential methods and menus key on it. */
  readonly kind: string;
  readonly location: Location;
  /** The identifier AWS expects in requests (cluster id, endpoint id, workgroup name). */
  readonly id: string;
  readonly arn?: string;
  readonly name: string;
  /** The service's own state word, shown to the user as is. */
  readonly state: string;
  readonly stateCategory: StateCategory;
  readonly createdAt?: Date;
  /** An address a user connects to (master DNS, gateway URL, database host:port). */
  readonly endpoint?: string;
  /** The enclosing target's id (a managed endpoint's virtual cluster). */
  readonly parentId?: string;
  /** What kind of target this is, as the service names it (a managed endpoint's type); shown beside the state. */
  readonly type?: string;
  /** True when the target has children to list (virtual cluster → managed endpoints). */
  readonly hasChildren?: boolean;
  /** Service-specific facts that prompts, formats and upstreams read (port, database, default role). Never secrets. */
  readonly details: Readonly<Record<string, string | number | undefined>>;
}

/** One page of a listing; `next` is the opaque token for the following page. */
export interface TargetPage {
  readonly targets: readonly Target[];
  readonly next?: string;
}

/** What a module needs to talk to AWS: a configured SDK client config for a profile and region. */
export interface AwsContext {
  readonly location: Location;
  /** Client configuration (region, credentials provider, retry strategy) for the SDK client constructor. */
  readonly clientConfig: ClientConfig;
  /** Aborts the request in flight (cancel button, tree refresh). */
  readonly signal?: AbortSignal;
}

/** The subset of SDK client configuration the extension supplies; modules pass it to `new XClient(config)`. */
export interface ClientConfig {
  readonly region: string;
  readonly profile?: string;
  readonly credentials?: unknown;
  readonly maxAttempts?: number;
  readonly retryMode?: string;
  readonly requestHandler?: unknown;
  readonly logger?: unknown;
  /**
   * The endpoint the user's AWS config names for an SDK service id ("EMR", "EMR containers"), if any.
   * Applied by `cachedClient`; modules never choose endpoints themselves.
   */
  readonly endpointFor?: (serviceId: string) => string | undefined;
}

export interface ListOptions {
  /** Include terminated, deleted or failed targets. */
  readonly includeInactive: boolean;
  readonly pageToken?: string;
  /** Ask AWS for at most this many per page where the API allows it. */
  readonly pageSize?: number;
}

/** A group of targets in the tree ("EMR clusters"), listed by one module. */
export interface TargetSource {
  readonly id: string;
  readonly label: string;
  /** Codicon id for the group node. */
  readonly icon: string;
  /** The IAM actions listing needs, named when AWS answers access denied. */
  readonly listActions: readonly string[];
  listPage(ctx: AwsContext, options: ListOptions): Promise<TargetPage>;
  /** Children of a target whose `hasChildren` is set. */
  listChildren?(ctx: AwsContext, parent: Target, options: ListOptions): Promise<TargetPage>;
}

/** The value a prompt collected; modules read the keys they declared. */
export type InputValue = string | number | boolean | readonly string[] | undefined;
export type CredentialInput = Readonly<Record<string, InputValue>>;

/** One field a credential method asks for. Prompts, validation and remembered values are generic over it. */
export interface ParameterSpec {
  readonly key: string;
  readonly label: string;
  readonly type: 'text' | 'integer' | 'boolean' | 'list';
  readonly required: boolean;
  /** One line under the input box: what the value is and what is allowed. */
  readonly prompt: string;
  readonly placeholder?: string;
  /** The value offered first: from the target, then from a setting (`settingDefault`). */
  defaultValue?(target: Target): InputValue;
  /** A `clusterPass.*` setting key (without prefix) whose value is the default. */
  readonly settingDefault?: string;
  /** Remember values typed for this target (never secrets) and offer them next time. */
  readonly remember?: boolean;
  /** Returns a message that says what is wrong and what is allowed, or undefined when the value is fine. */
  validate(value: InputValue): string | undefined;
}

/** A credential as issued: an optional user name and one secret, with its expiry. */
export interface IssuedCredential {
  readonly user?: string;
  /** Never logged, stored or shown: only rendered into a clipboard format or an upstream header. */
  readonly secret: string;
  readonly expiresAt: Date;
  /** When the service recommends fetching again (Redshift NextRefreshTime). */
  readonly refreshAt?: Date;
  /** A non-secret identifier of the credential (EMR on EKS token id). */
  readonly id?: string;
  /** Non-secret facts learned while fetching that formats may read (an EMR cluster's master DNS name). */
  readonly details?: Readonly<Record<string, string | number | undefined>>;
}

/** Everything a clipboard format or upstream may read. */
export interface CredentialContext {
  readonly target: Target;
  readonly input: CredentialInput;
  readonly credential: IssuedCredential;
}

export interface ClipboardFormat {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  render(ctx: CredentialContext): string;
  /** Whether the format fits this target (a Spark Connect string only for Spark Connect endpoints); absent: every target. */
  appliesTo?(target: Target): boolean;
}

/** How the Jupyter bridge reaches a target's kernel gateway with a credential. */
export interface JupyterUpstream {
  readonly baseUrl: string;
  /**
   * What speaks at `baseUrl`: a Jupyter server or kernel gateway (the default), or another HTTP API (Livy on an EMR
   * cluster) that the bridge forwards as is. An `http` bridge is not offered to Jupyter clients, only through
   * `clientConfigs`.
   */
  readonly kind?: 'jupyter' | 'http';
  /** Settings for this upstream's own clients (sparkmagic for Livy) that point them at the bridge. */
  readonly clientConfigs?: readonly BridgeClientConfig[];
  /**
   * How long a freshly issued credential may take before the upstream accepts it (ms). The bridge waits that long
   * after the first fetch and keeps using the previous, still valid credential for that long after a renewal.
   */
  readonly settleMs?: number;
  /** PEM of the CA that the upstream's certificate must chain to, when the service publishes one. */
  readonly certificateAuthority?: string;
  /** Headers that carry the credential on every request and websocket upgrade. */
  headers(credential: IssuedCredential): Record<string, string>;
}

/** What a client config is made of: a running bridge's local URL and token (never an AWS credential) and a name. */
export interface BridgeEndpoint {
  /** `http://127.0.0.1:PORT/` */
  readonly url: string;
  readonly token: string;
  /** The target's name, for names a client shows (a session name). */
  readonly name: string;
}

/** One way to configure a client for a bridge (a line to paste, a config-file snippet). */
export interface BridgeClientConfig {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  render(bridge: BridgeEndpoint): string;
}

/** One AWS credential API for one kind of target (a target kind may have several). */
export interface CredentialMethod {
  readonly id: string;
  /** Shown when a target has more than one method ("Temporary database user (GetClusterCredentials)"). */
  readonly label: string;
  readonly targetKind: string;
  /** The AWS API it calls, for messages ("GetClusterCredentials"). */
  readonly operation: string;
  /** The IAM action the caller needs, named when AWS answers access denied. */
  readonly iamActions: readonly string[];
  readonly parameters: readonly ParameterSpec[];
  /** Problems with the target itself (identifier length or pattern) before anything is sent. */
  validateTarget?(target: Target): string | undefined;
  fetch(ctx: AwsContext, target: Target, input: CredentialInput): Promise<IssuedCredential>;
  readonly formats: readonly ClipboardFormat[];
  /**
   * The environment variables that let a terminal's own tools use this credential as is (`psql` with the `PG*`
   * variables, `curl` with a URL and a Basic credential, a Jupyter client with its gateway URL and token, `pyspark`
   * with `SPARK_REMOTE`). Present when *Open Terminal with Credentials* is offered for this method's targets. The
   * values go only into the environment of a terminal that VS Code does not restore; never to disk or the clipboard.
   */
  terminalEnvironment?(ctx: CredentialContext): Readonly<Record<string, string>>;
  /**
   * Turns this API's own modeled errors (ClusterNotFoundFault, ValidationException, ...) into what the user can
   * do next. Errors common to all services (access denied, throttling, network, expired sign-in) are explained
   * generically; return undefined for those. With `input` (what was sent), access denied may be explained
   * more precisely than the generic message (which of several IAM actions applies).
   */
  explainError?(error: unknown, target: Target, input?: CredentialInput): string | undefined;
  /** Present when the target can be used as a Jupyter upstream with this credential. */
  jupyterUpstream?(ctx: AwsContext, target: Target): Promise<JupyterUpstream>;
  /**
   * Why this target cannot connect a notebook although the method has a Jupyter upstream (an endpoint that serves
   * another kind of client), or undefined when it can. Such targets are not offered for notebooks.
   */
  notebookRefusal?(target: Target): string | undefined;
}

/** One module per AWS service (or per credential API added to an existing service's targets). */
export interface ServiceModule {
  readonly id: string;
  readonly sources: readonly TargetSource[];
  readonly methods: readonly CredentialMethod[];
}
