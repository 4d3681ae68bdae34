// What a service module provides to the server: how to parse a request into an operation call,
// the operations themselves, and how its protocol renders results and errors.
import type { IncomingHttpHeaders } from 'node:http';
import type { ErrorVocabulary, ServiceError } from './errors';
import type { DatabaseUser } from './postgres';
import type { TemporaryCredentials } from './sessions';
import type { IssuedSecret, RegionWorld, World } from './types';

export interface AwsRequest {
  method: string;
  /** The raw (still percent-encoded) path. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Call {
  operation: string;
  params: Record<string, unknown>;
}

export interface Identity {
  accountId: string;
  arn: string;
  userId: string;
  /** The user or role name (last segment of the ARN). */
  name: string;
  isRole: boolean;
}

export type SecretGrant = Omit<IssuedSecret, 'service' | 'operation' | 'region' | 'issuedAt'>;

export interface OperationContext {
  region: string;
  world: World;
  /** The requested region's resources (empty when the world has none there). */
  resources: RegionWorld;
  identity: Identity;
  now: Date;
  /** Answer the credentials union with a member the SDK does not know (fault 'unknownUnion'). */
  unknownUnion: boolean;
  /** Notes in the request log which form (ARN or id) an identifier member took. */
  recordIdentifierForm(member: string, form: 'arn' | 'id'): void;
  /** Records a secret as issued (for /_emulator/validate and the issuedSecrets log). */
  issue(grant: SecretGrant): void;
  /**
   * Issues temporary AWS credentials for `principalArn` (an assumed-role ARN), valid for `seconds`, that the emulator
   * accepts from then on; records their secret access key and session token as issued secrets for `target`.
   */
  startSession(principalArn: string, seconds: number, target: string): TemporaryCredentials;
  /** A database user a Redshift API issued: also created in the emulator's PostgreSQL server when it has one. */
  databaseUser(user: DatabaseUser): void;
}

export type Operation = (params: Record<string, unknown>, ctx: OperationContext) => unknown;

export interface ServiceHandler {
  /** The SigV4 signing name in the credential scope. */
  readonly signingName: string;
  readonly errors: ErrorVocabulary;
  /** The operations it serves, by their model names (the model-conformance test walks them). */
  readonly operations: readonly string[];
  /** Throws a ServiceError for unknown operations or unparsable input. */
  parse(req: AwsRequest): Call;
  invoke(call: Call, ctx: OperationContext): unknown;
  render(call: Call, result: unknown, requestId: string): Reply;
  renderError(error: ServiceError, requestId: string): Reply;
  /** A 200 answer whose body the SDK cannot parse (fault 'malformed'). */
  malformed(call: Call, requestId: string): Reply;
}
