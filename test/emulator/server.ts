// The emulator's HTTP server: one listener on 127.0.0.1 for every service. Each AWS request is routed by
// the SigV4 credential scope's service name, authenticated, subjected to faults, answered and recorded.
import { appendFileSync, mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { handleControl } from './control';
import { ServiceError } from './errors';
import { FaultBook } from './faults';
import { pointRedshiftAt, PostgresUsers } from './postgres';
import { DEFAULT_KEY_PAIRS, identityOf } from './identity';
import { requestId as newRequestId } from './random';
import { authorizationIsValid, SecretStore } from './secrets';
import type { AwsRequest, Call, OperationContext, Reply, ServiceHandler } from './service';
import { SessionBook, tokenFingerprint, type TemporaryCredentials } from './sessions';
import { emrService } from './services/emr';
import { emrContainersService } from './services/emr-containers';
import { redshiftService } from './services/redshift';
import { redshiftServerlessService } from './services/redshift-serverless';
import { answerSso, ssoFailure, ssoOperation, ssoParams, type SsoOperation } from './services/sso';
import { stsService } from './services/sts';
import { parseAuthorization, verifySignature, type ParsedAuthorization } from './sigv4';
import type { Fault, IssuedSecret, KeyPair, RecordedRequest, RegionWorld, World } from './types';
import { defaultWorld, setGateway, type GatewayPatch } from './world';

const MAX_BODY_BYTES = 1024 * 1024;
const EMPTY_REGION: RegionWorld = { emrClusters: [], virtualClusters: [], managedEndpoints: [], redshiftClusters: [], workgroups: [] };

export interface EmulatorOptions {
  /** 0 or absent: a free port. */
  port?: number;
  world?: World;
  /** Added to every AWS request (benchmarks). */
  latencyMs?: number;
  /** Key pairs accepted; the first is the one advertised. Defaults to the fixed test key pair. */
  credentials?: KeyPair[];
  /** Points the default ACTIVE endpoint (or patch.endpointId) at a simulated Jupyter gateway. */
  gateway?: GatewayPatch;
  /**
   * A PostgreSQL superuser's postgresql:// URL: every Redshift database user issued also becomes a role there, and
   * Redshift clusters and workgroups report that server as their endpoint (see postgres.ts).
   */
  postgresUrl?: string;
}

export interface Emulator {
  readonly url: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Regions the world has resources in. */
  readonly regions: string[];
  /** The live world; mutate it or assign a new one. */
  world: World;
  readonly requests: RecordedRequest[];
  readonly issuedSecrets: IssuedSecret[];
  /** Global per-request latency in ms. */
  latencyMs: number;
  setFault(operation: string, fault: Fault): void;
  clearFaults(): void;
  /** Empties `requests` and `issuedSecrets` (issued secrets stay valid for /_emulator/validate). */
  clearLog(): void;
  /** Whether an `Authorization` header value carries a secret the emulator issued and that is unexpired. */
  isValidAuthorization(header: string | undefined): boolean;
  setGateway(patch: GatewayPatch): boolean;
  /** The operations served, per SigV4 signing name (and `sso` for the portal's GetRoleCredentials). */
  servedOperations(): Record<string, readonly string[]>;
  /**
   * Issues temporary credentials for `principalArn` as AssumeRole would (recorded as issued secrets, accepted for
   * SigV4 with their session token until they expire), without a request: for a credential_process stand-in.
   */
  issueSession(principalArn: string, seconds: number): TemporaryCredentials;
  stop(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export class EmulatorServer implements Emulator {
  readonly requests: RecordedRequest[] = [];
  readonly issuedSecrets: IssuedSecret[] = [];
  readonly secrets = new SecretStore();
  readonly faults = new FaultBook();
  readonly sessions = new SessionBook();
  latencyMs: number;
  world: World;
  url = '';
  private readonly keys: Map<string, KeyPair>;
  private readonly services: Map<string, ServiceHandler>;
  private readonly server: Server;
  private readonly stopping = new AbortController();
  private readonly databaseUsers: PostgresUsers | undefined;

  constructor(options: EmulatorOptions = {}) {
    this.world = options.world ?? defaultWorld();
    this.latencyMs = options.latencyMs ?? 0;
    const pairs = options.credentials?.length ? options.credentials : DEFAULT_KEY_PAIRS;
    this.keys = new Map(pairs.map((k) => [k.accessKeyId, k]));
    this.services = new Map(
      [emrService(), emrContainersService(), redshiftService(), redshiftServerlessService(), stsService()].map((s) => [s.signingName, s]),
    );
    if (options.gateway) setGateway(this.world, options.gateway);
    this.databaseUsers = options.postgresUrl ? new PostgresUsers(options.postgresUrl) : undefined;
    if (this.databaseUsers) pointRedshiftAt(this.world, this.databaseUsers.endpoint);
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        console.error('emulator: unexpected failure', error);
        if (!res.headersSent && !res.destroyed) res.writeHead(500).end();
      });
    });
  }

  get accessKeyId(): string {
    return [...this.keys.values()][0].accessKeyId;
  }

  get secretAccessKey(): string {
    return [...this.keys.values()][0].secretAccessKey;
  }

  get regions(): string[] {
    return Object.keys(this.world.regions);
  }

  async listen(port = 0): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  setFault(operation: string, fault: Fault): void {
    this.faults.set(operation, fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  clearLog(): void {
    this.requests.length = 0;
    this.issuedSecrets.length = 0;
  }

  setGateway(patch: GatewayPatch): boolean {
    return setGateway(this.world, patch);
  }

  servedOperations(): Record<string, readonly string[]> {
    return { ...Object.fromEntries([...this.services.values()].map((s) => [s.signingName, s.operations])), sso: ['GetRoleCredentials'] };
  }

  issueSession(principalArn: string, seconds: number): TemporaryCredentials {
    return this.startSession({ service: 'sts', operation: 'issueSession', region: 'us-east-1', now: new Date() }, principalArn, seconds, principalArn);
  }

  /** New temporary credentials, recorded like every issued secret (the suite's leak scan looks for both parts). */
  private startSession(
    where: { service: string; operation: string; region: string; now: Date },
    principalArn: string,
    seconds: number,
    target: string,
  ): TemporaryCredentials {
    const credentials = this.sessions.issue(principalArn, seconds, where.now);
    const common = { service: where.service, operation: where.operation, region: where.region, issuedAt: where.now.toISOString(), target, id: credentials.accessKeyId, expiresAt: credentials.expiration.toISOString() };
    for (const secret of [
      { ...common, kind: 'aws-secret-access-key' as const, secret: credentials.secretAccessKey },
      { ...common, kind: 'aws-session-token' as const, secret: credentials.sessionToken },
    ]) {
      this.issuedSecrets.push(secret);
      recordSuiteWide(secret);
    }
    return credentials;
  }

  isValidAuthorization(header: string | undefined): boolean {
    return authorizationIsValid(header, this.secrets);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const url = new URL(rawUrl, 'http://emulator.invalid');
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch {
      if (!res.destroyed) res.writeHead(413).end();
      return;
    }
    if (url.pathname.startsWith('/_emulator/')) {
      handleControl(this, req, res, url, body);
      return;
    }
    const portalOperation = ssoOperation(url.pathname);
    if (portalOperation) {
      await this.answerSso(portalOperation, { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body }, res);
      return;
    }
    const awsReq: AwsRequest = {
      method: req.method ?? 'GET',
      path: rawUrl.split('?')[0],
      query: url.searchParams,
      headers: req.headers,
      body,
    };
    const reply = await this.answer(awsReq, res);
    if (reply && !res.destroyed && !res.writableEnded) {
      res.writeHead(reply.status, { ...reply.headers, 'content-length': String(Buffer.byteLength(reply.body)) });
      res.end(reply.body);
    }
  }

  /**
   * The stand-in SSO portal (no SigV4: a bearer token), recorded like any AWS request. Faults apply per operation, or
   * to one account's requests only when set for `Operation@accountId`.
   */
  private async answerSso(operation: SsoOperation, req: AwsRequest, res: ServerResponse): Promise<void> {
    const requestId = newRequestId();
    const now = new Date();
    const region = /portal\.sso\.([a-z0-9-]+)\./.exec(String(req.headers.host ?? ''))?.[1] ?? 'us-east-1';
    const record: RecordedRequest = { service: 'sso', operation, region, params: ssoParams(req), status: 0, time: now.toISOString() };
    this.requests.push(record);
    const accountId = req.query.get('account_id') ?? undefined;
    const decision = this.faults.take(operation, accountId);
    const delay = this.latencyMs + decision.latencyMs;
    if (delay > 0 && !(await this.pause(delay))) return;
    let answer;
    if (decision.kind === 'hang') {
      await new Promise<void>((resolve) => {
        res.once('close', resolve);
        this.stopping.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      return;
    } else if (decision.kind === 'throttle') {
      answer = ssoFailure(new ServiceError('TooManyRequestsException', 429, 'Rate exceeded'), record.params, requestId);
    } else if (decision.kind === 'error') {
      answer = ssoFailure(new ServiceError('InternalServerException', 500, `${operation} failed (injected fault).`), record.params, requestId);
    } else {
      answer = answerSso(operation, req, this.world, (arn, seconds, target) => this.startSession({ service: 'sso', operation, region, now }, arn, seconds, target), requestId);
    }
    record.status = answer.reply.status;
    record.error = answer.error;
    if (res.destroyed) return;
    res.writeHead(answer.reply.status, { ...answer.reply.headers, 'content-length': String(Buffer.byteLength(answer.reply.body)) });
    res.end(answer.reply.body);
  }

  /** Picks the service: by credential scope when signed, else by the request's shape (to answer in kind). */
  private serviceFor(req: AwsRequest, auth: ParsedAuthorization | undefined): ServiceHandler | undefined {
    if (auth) return this.services.get(auth.service);
    const target = String(req.headers['x-amz-target'] ?? '');
    if (target.startsWith('ElasticMapReduce.')) return this.services.get('elasticmapreduce');
    if (target.startsWith('RedshiftServerless.')) return this.services.get('redshift-serverless');
    if (req.path.startsWith('/virtualclusters')) return this.services.get('emr-containers');
    return this.services.get(req.body.toString('utf8').includes('Version=2011-06-15') ? 'sts' : 'redshift');
  }

  private async answer(req: AwsRequest, res: ServerResponse): Promise<Reply | undefined> {
    const auth = parseAuthorization(req.headers.authorization);
    const region = auth?.region ?? 'us-east-1';
    const requestId = newRequestId();
    const service = this.serviceFor(req, auth);
    const tokenHeader = req.headers['x-amz-security-token'];
    const sessionToken = Array.isArray(tokenHeader) ? tokenHeader[0] : tokenHeader;
    const record: RecordedRequest = {
      service: service?.signingName ?? auth?.service ?? 'unknown',
      operation: 'unknown',
      region,
      accessKeyId: auth?.accessKeyId,
      sessionToken: sessionToken === undefined ? undefined : tokenFingerprint(sessionToken),
      params: {},
      status: 0,
      time: new Date().toISOString(),
    };
    this.requests.push(record);
    const finish = (reply: Reply, error?: ServiceError): Reply => {
      record.status = reply.status;
      if (error) record.error = error.code;
      return reply;
    };
    if (!service) {
      const error = new ServiceError('UnknownServiceException', 400, `No such service: ${auth?.service}`);
      return finish({ status: 400, headers: { 'content-type': 'application/json', 'x-amzn-errortype': error.code }, body: JSON.stringify({ message: error.message }) }, error);
    }
    const fail = (error: ServiceError): Reply => finish(service.renderError(error, requestId), error);

    let call: Call | undefined;
    let parseError: ServiceError | undefined;
    try {
      call = service.parse(req);
      record.operation = call.operation;
      record.params = call.params;
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      parseError = error;
    }

    if (!auth) return fail(service.errors.missingAuth());
    // A long-term key pair (any session token header is ignored), or temporary credentials from AssumeRole or the
    // SSO portal, which need their own session token, and are refused once expired.
    let key = this.keys.get(auth.accessKeyId);
    let expired = false;
    if (!key) {
      const check = this.sessions.check(auth.accessKeyId, sessionToken);
      const session = check.ok ? check.session : check.reason === 'expired' ? this.sessions.get(auth.accessKeyId) : undefined;
      if (!session) return fail(service.errors.unknownKey());
      expired = !check.ok;
      key = { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey, principalArn: session.principalArn };
    }
    if (!(await verifySignature(req, auth, key.secretAccessKey))) return fail(service.errors.badSignature());
    if (expired) return fail(service.errors.expiredToken());
    if (parseError || !call) return fail(parseError ?? service.errors.unknownOperation('unknown'));

    const decision = this.faults.take(call.operation);
    const delay = this.latencyMs + decision.latencyMs;
    if (delay > 0 && !(await this.pause(delay))) return undefined;
    switch (decision.kind) {
      case 'throttle':
        return fail(service.errors.throttle(call.operation));
      case 'error':
        return fail(service.errors.internal(call.operation));
      case 'malformed':
        return finish(service.malformed(call, requestId));
      case 'htmlPage':
      case 'unknownRoute':
      case 'notProtocol':
        return finish(foreignAnswer(decision.kind, decision.status));
      case 'missingAuthToken':
        return fail(service.errors.missingAuth());
      case 'unknownOperation':
        return fail(new ServiceError('UnknownOperationException', 404, `No operation matches ${req.method} ${req.path}`));
      case 'hang':
        await new Promise<void>((resolve) => {
          res.once('close', resolve);
          this.stopping.signal.addEventListener('abort', () => resolve(), { once: true });
        });
        return undefined;
      default:
        break;
    }

    const pending: Promise<void>[] = [];
    const ctx = this.context(service.signingName, auth.region, key, call.operation, decision.kind === 'unknownUnion', record, pending);
    try {
      const result = service.invoke(call, ctx);
      // The database users an operation issued exist before its answer does.
      await Promise.all(pending);
      return finish(service.render(call, result, requestId));
    } catch (error) {
      if (error instanceof ServiceError) return fail(error);
      console.error(`emulator: ${call.operation} failed`, error);
      return fail(service.errors.internal(call.operation));
    }
  }

  /** Waits `ms`; false if the emulator stopped meanwhile. */
  private async pause(ms: number): Promise<boolean> {
    try {
      await sleep(ms, undefined, { signal: this.stopping.signal });
      return true;
    } catch {
      return false;
    }
  }

  /** The regions of the account a request's identity belongs to: one of `world.accounts`, else the main account's. */
  private regionsOf(accountId: string): Record<string, RegionWorld> {
    return (accountId !== this.world.accountId ? this.world.accounts?.[accountId]?.regions : undefined) ?? this.world.regions;
  }

  private context(
    service: string, region: string, key: KeyPair, operation: string, unknownUnion: boolean, record: RecordedRequest, pending: Promise<void>[],
  ): OperationContext {
    const now = new Date();
    const identity = identityOf(key, this.world.accountId);
    return {
      recordIdentifierForm: (member, form) => {
        record.identifierForms = { ...record.identifierForms, [member]: form };
      },
      region,
      world: this.world,
      resources: this.regionsOf(identity.accountId)[region] ?? EMPTY_REGION,
      identity,
      now,
      unknownUnion,
      startSession: (principalArn, seconds, target) => this.startSession({ service, operation, region, now }, principalArn, seconds, target),
      issue: (grant) => {
        const secret: IssuedSecret = { service, operation, region, issuedAt: now.toISOString(), ...grant };
        this.issuedSecrets.push(secret);
        this.secrets.add(secret);
        recordSuiteWide(secret);
      },
      databaseUser: (user) => {
        if (this.databaseUsers) pending.push(this.databaseUsers.create(user));
      },
    };
  }
}

/**
 * What answers at a wrong endpoint_url or through a proxy instead of the service: an HTML error page, a 404 whose
 * body is no AWS error, a 200 in plain text. Protocol-independent, as they are in life.
 */
function foreignAnswer(kind: 'htmlPage' | 'unknownRoute' | 'notProtocol', status = 404): Reply {
  switch (kind) {
    case 'htmlPage': {
      const title = `${status} ${status >= 500 ? 'Internal Server Error' : 'Not Found'}`;
      return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><h1>${title}</h1><hr><p>nginx</p></body></html>\n` };
    }
    case 'unknownRoute':
      return { status: 404, headers: { 'content-type': 'application/json' }, body: '{"message":"Not Found"}' };
    case 'notProtocol':
      return { status: 200, headers: { 'content-type': 'text/plain' }, body: 'OK' };
  }
}

/**
 * When CLUSTER_PASS_SECRET_RECORD names a file, every issued secret is appended to it as one JSON line, from
 * every emulator in every test process: the suite's leak scan (test/leaks) searches for each of them everywhere
 * else, and that file is the only place allowed to hold them.
 */
function recordSuiteWide(secret: IssuedSecret): void {
  const file = process.env.CLUSTER_PASS_SECRET_RECORD;
  if (!file) return;
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(secret)}\n`, { mode: 0o600 });
}
