// The emulator held to the current AWS models (../shared/aws-models, botocore 2026-08-07). For every operation the
// emulator serves, through the real SDK clients and the raw HTTP answers:
//  - constraints: each top-level request member is probed around the model's limits (required, length, pattern,
//    range, enum, plus the rules the model states only in its documentation text, quoted below so that a changed text
//    fails here); the emulator must refuse exactly what the model refuses, with its validation error;
//  - responses: every answer body validates against the operation's output shape (member names and types, timestamp
//    format per protocol, enum values, union rules, string constraints);
//  - errors: every error it answers is one of the operation's modeled errors (or the service's, or a common AWS error
//    the models do not carry, listed below and in the emulator's README) with the model's HTTP status and members.
// Prints `model conformance: N operations, N shapes checked, 0 mismatches`.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { EMRClient, DescribeClusterCommand, GetClusterSessionCredentialsCommand, ListClustersCommand } from '@aws-sdk/client-emr';
import {
  DescribeManagedEndpointCommand,
  EMRContainersClient,
  GetManagedEndpointSessionCredentialsCommand,
  ListManagedEndpointsCommand,
  ListVirtualClustersCommand,
} from '@aws-sdk/client-emr-containers';
import { DescribeClustersCommand, GetClusterCredentialsCommand, GetClusterCredentialsWithIAMCommand, RedshiftClient } from '@aws-sdk/client-redshift';
import { GetCredentialsCommand, ListWorkgroupsCommand, RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { XMLParser } from 'fast-xml-parser';
import { dbGroupNameRule, dbNameRule, dbUserRule } from '../../../src/services/redshiftNames';
import { clientConfig } from '../clients';
import { DEFAULT_IDS, EMR_RUNTIME_ROLE_ARN, EXECUTION_ROLE_ARN, ROLES, startEmulator, type Emulator, type Fault } from '../index';
import { checkJson, checkXml, loadModel, loadPaginators, modelProblem, ShapeReport, type Model, type ShapeRef } from '../../helpers/awsModel';

// ---------------------------------------------------------------------------------------------------------------
// What the models leave open, and the emulator's answer to it (also listed in test/emulator/README.md).

/** Errors every AWS API answers that the service models do not carry, with their HTTP status. */
export const COMMON_ERRORS: Record<string, number> = {
  // awsQuery (Redshift, STS)
  Throttling: 400,
  InternalFailure: 500,
  InvalidParameterValue: 400,
  MissingParameter: 400,
  InvalidClientTokenId: 403,
  SignatureDoesNotMatch: 403,
  ExpiredToken: 400,
  MissingAuthenticationToken: 403,
  InvalidAction: 400,
  AccessDenied: 403,
  ValidationError: 400,
  // awsJson / restJson (ValidationException: AWS's request validation answers it for model constraints even where the
  // service's model does not list it, as for EMR)
  ValidationException: 400,
  ThrottlingException: 400,
  UnrecognizedClientException: 403,
  InvalidSignatureException: 400,
  MissingAuthenticationTokenException: 403,
  UnknownOperationException: 400,
  SerializationException: 400,
  AccessDeniedException: 403,
};

/** Modeled errors whose model states no status (and no fault), answered with the status their meaning implies. */
const STATUS_ASSUMED: Record<string, number> = {
  // EMR's model marks InternalServerError neither a fault nor gives a status; an internal error is a 500.
  'elasticmapreduce:InternalServerError': 500,
};

/**
 * Request rules the models state only in documentation text. `quotes` must appear in the member's documentation
 * (tags stripped), so the rule is re-read when AWS changes the text; `assumed` marks a limit the emulator invents
 * where the model states none.
 */
interface DocumentedRule {
  readonly quotes: readonly string[];
  readonly problem: (value: unknown) => string | undefined;
  readonly assumed?: string;
}

const text = (f: (v: string) => string | undefined) => (v: unknown) => (v === undefined ? undefined : typeof v === 'string' ? f(v) : 'not text');
const range = (min: number, max: number) => (v: unknown) => (typeof v === 'number' && (v < min || v > max) ? `outside ${min}–${max}` : undefined);
/** Either this member or the custom domain name names the target; the emulator has no custom domains. */
const oneOfTarget = (v: unknown) => (v === undefined ? 'neither the identifier nor a custom domain name' : undefined);

const DOCUMENTED: Record<string, DocumentedRule> = {
  'DescribeClusters.MaxRecords': { quotes: ['Default: 100', 'Constraints: minimum 20, maximum 100'], problem: range(20, 100) },
  'GetClusterCredentials.ClusterIdentifier': {
    quotes: ['The unique identifier of the cluster'],
    problem: oneOfTarget,
    assumed: 'The model requires neither ClusterIdentifier nor CustomDomainName, but one must name the cluster: without both the emulator answers InvalidParameterValue.',
  },
  'GetClusterCredentialsWithIAM.ClusterIdentifier': {
    quotes: ['The unique identifier of the cluster'],
    problem: oneOfTarget,
    assumed: 'As for GetClusterCredentials: without ClusterIdentifier and CustomDomainName the emulator answers InvalidParameterValue.',
  },
  'GetCredentials.workgroupName': {
    quotes: ['The name of the workgroup associated with the database'],
    problem: oneOfTarget,
    assumed: 'The model requires neither workgroupName nor customDomainName; without both the emulator answers ValidationException.',
  },
  'GetClusterCredentials.DbUser': {
    quotes: ['Must be 1 to 64 alphanumeric characters or hyphens', "The user name can't be PUBLIC", 'First character must be a letter', 'Must not contain a colon ( : ) or slash ( / )', 'Cannot be a reserved word'],
    problem: text(dbUserRule),
  },
  'GetClusterCredentials.DbName': {
    quotes: ['Must be 1 to 64 alphanumeric characters or hyphens', 'Must contain uppercase or lowercase letters', 'First character must be a letter', 'Cannot be a reserved word'],
    problem: text(dbNameRule),
  },
  'GetClusterCredentials.DbGroups': {
    quotes: ['Must contain only lowercase letters, numbers, underscore, plus sign, period (dot), at symbol (@), or hyphen', 'First character must be a letter'],
    problem: (v) => (v === undefined ? undefined : Array.isArray(v) ? v.map((g) => dbGroupNameRule(String(g))).find(Boolean) : 'not a list'),
  },
  'GetClusterCredentials.DurationSeconds': { quotes: ['Constraint: minimum 900, maximum 3600'], problem: range(900, 3600) },
  'GetClusterCredentialsWithIAM.DurationSeconds': { quotes: ['Range: 900-3600'], problem: range(900, 3600) },
  'GetClusterCredentialsWithIAM.DbName': {
    quotes: ['The name of the database for which you are requesting credentials'],
    problem: text((v) => ([...v].length < 1 || [...v].length > 64 ? 'not 1–64 characters' : undefined)),
    assumed: 'The model sets no rule for this DbName; the emulator holds it to 1–64 characters, the database-name limit the other credential APIs state.',
  },
  'GetCredentials.dbName': {
    quotes: ['Must be 1 to 64 alphanumeric characters or hyphens', 'Must contain only uppercase or lowercase letters', 'The first character must be a letter', 'Cannot be a reserved word'],
    problem: text(dbNameRule),
  },
  'GetCredentials.durationSeconds': { quotes: ['The minimum is 900 seconds, and the maximum is 3600 seconds'], problem: range(900, 3600) },
  'GetManagedEndpointSessionCredentials.durationInSeconds': {
    quotes: ['the maximum is 12 hours'],
    problem: range(1, 43_200),
    assumed: 'The model gives a maximum of 12 hours and no minimum; the emulator refuses less than 1 second.',
  },
  'GetManagedEndpointSessionCredentials.credentialType': {
    quotes: ['Currently supported and default value of this field is “TOKEN.”'],
    problem: (v) => (v === 'TOKEN' ? undefined : 'not TOKEN'),
  },
};

// ---------------------------------------------------------------------------------------------------------------
// The operations the emulator serves, each with a request the emulator answers with success.

type Client = { send(command: never): Promise<unknown>; middlewareStack: { add(m: never, o: never): void } };

interface ServiceSpec {
  readonly folder: string;
  readonly signingName: string;
  readonly protocol: 'rest-json' | 'json' | 'query';
  readonly client: (e: Emulator) => Client;
  /** Error codes the emulator answers when a value breaks a rule (and the body says it is not a lookup failure). */
  readonly refusal: (code: string, body: Record<string, unknown>) => boolean;
  /** Per operation: a request it answers with success, and more whose answers are checked too (other states). */
  readonly operations: Record<string, { command: new (input: never) => unknown; input: Record<string, unknown>; more?: Record<string, unknown>[] }>;
}

const E = DEFAULT_IDS.eks;
const vcArn = `arn:aws:emr-containers:us-east-1:123456789012:/virtualclusters/${E.runningVirtualCluster}`;

const SERVICES: ServiceSpec[] = [
  {
    folder: 'emr',
    signingName: 'elasticmapreduce',
    protocol: 'json',
    client: (e) => new EMRClient(clientConfig(e)) as unknown as Client,
    refusal: (code, body) => code === 'ValidationException' || (code === 'InvalidRequestException' && body.ErrorCode !== 'NoSuchCluster'),
    operations: {
      ListClusters: { command: ListClustersCommand, input: {} },
      DescribeCluster: {
        command: DescribeClusterCommand,
        input: { ClusterId: DEFAULT_IDS.emr.running },
        more: [DEFAULT_IDS.emr.starting, DEFAULT_IDS.emr.waiting, DEFAULT_IDS.emr.terminated, DEFAULT_IDS.emr.terminatedWithErrors].map((ClusterId) => ({ ClusterId })),
      },
      GetClusterSessionCredentials: { command: GetClusterSessionCredentialsCommand, input: { ClusterId: DEFAULT_IDS.emr.running, ExecutionRoleArn: EMR_RUNTIME_ROLE_ARN } },
    },
  },
  {
    folder: 'emr-containers',
    signingName: 'emr-containers',
    protocol: 'rest-json',
    client: (e) => new EMRContainersClient(clientConfig(e)) as unknown as Client,
    refusal: (code) => code === 'ValidationException',
    operations: {
      ListVirtualClusters: { command: ListVirtualClustersCommand, input: {} },
      ListManagedEndpoints: { command: ListManagedEndpointsCommand, input: { virtualClusterId: E.secondVirtualCluster }, more: [{ virtualClusterId: E.runningVirtualCluster }] },
      DescribeManagedEndpoint: {
        command: DescribeManagedEndpointCommand,
        input: { id: E.activeEndpoint, virtualClusterId: E.runningVirtualCluster },
        more: [{ id: E.failedEndpoint, virtualClusterId: E.runningVirtualCluster }, { id: E.sparkConnectEndpoint, virtualClusterId: E.secondVirtualCluster }],
      },
      GetManagedEndpointSessionCredentials: {
        command: GetManagedEndpointSessionCredentialsCommand,
        input: { endpointIdentifier: `${vcArn}/endpoints/${E.activeEndpoint}`, virtualClusterIdentifier: vcArn, executionRoleArn: EXECUTION_ROLE_ARN, credentialType: 'TOKEN', durationInSeconds: 900, logContext: 'conformance' },
      },
    },
  },
  {
    folder: 'redshift',
    signingName: 'redshift',
    protocol: 'query',
    client: (e) => new RedshiftClient(clientConfig(e)) as unknown as Client,
    refusal: (code) => code === 'InvalidParameterValue',
    operations: {
      DescribeClusters: { command: DescribeClustersCommand, input: {} },
      GetClusterCredentials: { command: GetClusterCredentialsCommand, input: { ClusterIdentifier: DEFAULT_IDS.redshift.available, DbUser: 'analyst', DbName: 'dev', DbGroups: ['analysts'], DurationSeconds: 900 } },
      GetClusterCredentialsWithIAM: { command: GetClusterCredentialsWithIAMCommand, input: { ClusterIdentifier: DEFAULT_IDS.redshift.available, DbName: 'dev', DurationSeconds: 900 } },
    },
  },
  {
    folder: 'redshift-serverless',
    signingName: 'redshift-serverless',
    protocol: 'json',
    client: (e) => new RedshiftServerlessClient(clientConfig(e)) as unknown as Client,
    refusal: (code) => code === 'ValidationException',
    operations: {
      ListWorkgroups: { command: ListWorkgroupsCommand, input: { maxResults: 10 } },
      GetCredentials: { command: GetCredentialsCommand, input: { workgroupName: DEFAULT_IDS.serverless.available, dbName: 'dev', durationSeconds: 900 } },
    },
  },
  {
    folder: 'sts',
    signingName: 'sts',
    protocol: 'query',
    client: (e) => new STSClient(clientConfig(e)) as unknown as Client,
    refusal: (code) => code === 'ValidationError',
    operations: {
      GetCallerIdentity: { command: GetCallerIdentityCommand, input: {} },
      AssumeRole: { command: AssumeRoleCommand, input: { RoleArn: ROLES.analyst, RoleSessionName: 'conformance', DurationSeconds: 900 } },
    },
  },
];

/** What the product itself calls (src/services, the credential providers): all must be among the operations checked. */
const PRODUCT_CALLS = [
  'elasticmapreduce:ListClusters',
  'elasticmapreduce:GetClusterSessionCredentials',
  'emr-containers:ListVirtualClusters',
  'emr-containers:ListManagedEndpoints',
  'emr-containers:DescribeManagedEndpoint',
  'emr-containers:GetManagedEndpointSessionCredentials',
  'redshift:DescribeClusters',
  'redshift:GetClusterCredentials',
  'redshift:GetClusterCredentialsWithIAM',
  'redshift-serverless:ListWorkgroups',
  'redshift-serverless:GetCredentials',
  'sts:GetCallerIdentity',
  'sts:AssumeRole',
  'sso:GetRoleCredentials',
];

// ---------------------------------------------------------------------------------------------------------------

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false });
let emulator: Emulator;
const report = new ShapeReport();
const checkedOperations = new Set<string>();

before(async () => {
  emulator = await startEmulator();
});
after(() => emulator.stop());

/** Sends through the SDK and returns the raw answer (undefined when the SDK refused to send the input). */
async function rawAnswer(client: Client, command: new (input: never) => unknown, input: Record<string, unknown>): Promise<Answer | undefined> {
  let answer: Answer | undefined;
  const cmd = new command(input as never) as { middlewareStack: { add(m: unknown, o: unknown): void } };
  cmd.middlewareStack.add(
    (next: (a: unknown) => Promise<{ response: { statusCode: number; headers: Record<string, string>; body: unknown } }>) => async (args: unknown) => {
      const result = await next(args);
      const chunks: Buffer[] = [];
      for await (const chunk of result.response.body as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
      const bytes = Buffer.concat(chunks);
      answer = { status: result.response.statusCode, headers: result.response.headers, body: bytes.toString('utf8') };
      result.response.body = new Uint8Array(bytes);
      return result;
    },
    { step: 'deserialize', priority: 'low', name: 'conformanceCapture' },
  );
  try {
    await client.send(cmd as never);
  } catch {
    // the raw answer is what is checked
  }
  return answer;
}

function headersOf(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  return headers;
}

function errorCode(spec: ServiceSpec, answer: Answer): { code: string; body: Record<string, unknown>; message: boolean } {
  if (spec.protocol === 'query') {
    const error = ((xml.parse(answer.body) as Record<string, Record<string, unknown>>).ErrorResponse?.Error ?? {}) as Record<string, unknown>;
    const { Code, Type, Message, ...rest } = error;
    void Type;
    return { code: String(Code ?? ''), body: rest, message: Message !== undefined };
  }
  const parsed = JSON.parse(answer.body || '{}') as Record<string, unknown>;
  const header = answer.headers['x-amzn-errortype'] ?? '';
  const { __type, message, Message, ...rest } = parsed;
  const code = (header || String(__type ?? '')).split(':')[0].replace(/^.*#/, '');
  return { code, body: rest, message: message !== undefined || Message !== undefined };
}

function checkOutput(model: Model, spec: ServiceSpec, operation: string, answer: Answer): void {
  const op = model.operations[operation];
  const where = `${spec.signingName}:${operation} output`;
  if (!op.output) return;
  if (spec.protocol === 'query') {
    const root = (xml.parse(answer.body) as Record<string, Record<string, unknown>>)[`${operation}Response`];
    if (!root) return report.mismatch(where, `no <${operation}Response>`);
    const wrapper = op.output.resultWrapper ?? `${operation}Result`;
    return checkXml(model, { shape: op.output.shape }, root[wrapper] ?? '', where, report);
  }
  checkJson(model, { shape: op.output.shape }, JSON.parse(answer.body), where, spec.protocol, report);
}

function checkError(model: Model, spec: ServiceSpec, operation: string, answer: Answer, why: string): void {
  const where = `${spec.signingName}:${operation} error (${why})`;
  const { code, body } = errorCode(spec, answer);
  const listed = (model.operations[operation].errors ?? []).map((e) => e.shape);
  const shapeName = Object.keys(model.shapes).find((name) => model.shapes[name].exception && (name === code || model.shapes[name].error?.code === code));
  if (shapeName) {
    const shape = model.shapes[shapeName];
    report.shapes.add(`${model.metadata.endpointPrefix}:${shapeName}`);
    if (!listed.includes(shapeName) && COMMON_ERRORS[code] === undefined) report.mismatch(where, `${code} is not among the operation's errors (${listed.join(', ')})`);
    const status = shape.error?.httpStatusCode ?? STATUS_ASSUMED[`${spec.signingName}:${shapeName}`] ?? (shape.fault ? 500 : 400);
    if (answer.status !== status) report.mismatch(where, `${code} answered with HTTP ${answer.status}; the model says ${status}`);
    for (const [member, value] of Object.entries(body)) {
      const ref = shape.members?.[member];
      if (!ref) report.mismatch(where, `${code} has no member ${member}`);
      else if (spec.protocol === 'query') checkXml(model, ref, value, `${where}.${member}`, report);
      else checkJson(model, ref, value, `${where}.${member}`, spec.protocol, report);
    }
    return;
  }
  if (COMMON_ERRORS[code] === undefined) return report.mismatch(where, `${code || '(no code)'} is neither in the model nor a common AWS error`);
  if (answer.status !== COMMON_ERRORS[code]) report.mismatch(where, `${code} answered with HTTP ${answer.status}; AWS answers ${COMMON_ERRORS[code]}`);
}

/** Values to try for a top-level request member, around the model's limits. */
function candidates(model: Model, ref: ShapeRef, baseline: unknown): unknown[] {
  const shape = model.shapes[ref.shape];
  const out: unknown[] = [];
  if (shape.type === 'string') {
    const b = typeof baseline === 'string' && baseline !== '' ? baseline : 'a';
    const pad = (n: number) => (n <= b.length ? b.slice(0, n) : b + b.at(-1)!.repeat(n - b.length));
    if (shape.max !== undefined && shape.max <= 4096) out.push(pad(shape.max), pad(shape.max + 1));
    if (shape.min !== undefined && shape.min > 1) out.push(pad(shape.min), pad(shape.min - 1));
    out.push(`${b} `, ' \t', `1${b}`, b.toUpperCase(), `${b}:x/y`, `${b}é`);
    if (shape.enum) out.push('NOT_A_MEMBER');
  } else if (shape.type === 'integer' || shape.type === 'long') {
    for (const n of [shape.min, shape.max]) if (n !== undefined) out.push(n, n + (n === shape.min ? -1 : 1));
    out.push(0, 1, 899, 900, 3600, 3601, 43_200, 43_201);
  } else if (shape.type === 'list' && model.shapes[shape.member!.shape].type === 'string' && Array.isArray(baseline)) {
    for (const item of candidates(model, shape.member!, baseline[0])) out.push([...baseline, item]);
  }
  return out;
}

function verdict(model: Model, operation: string, member: string, ref: ShapeRef, value: unknown, required: boolean): string | undefined {
  if (value === undefined) return required ? 'required' : DOCUMENTED[`${operation}.${member}`]?.problem(undefined);
  return modelProblem(model, ref, value) ?? DOCUMENTED[`${operation}.${member}`]?.problem(value);
}

async function probeOperation(spec: ServiceSpec, model: Model, operation: string): Promise<void> {
  const { command, input, more = [] } = spec.operations[operation];
  const client = spec.client(emulator);
  const op = model.operations[operation];
  // Paging tokens are opaque: a token the service did not issue is refused whatever its form, as AWS does; only
  // what the model itself refuses is judged for them.
  const tokens = new Set([loadPaginators(spec.folder)[operation]?.input_token].flat().filter(Boolean));

  // The baseline succeeds and its answer has the output's shape.
  const ok = await rawAnswer(client, command, input);
  assert.ok(ok, `${operation}: nothing sent`);
  if (ok.status !== 200) report.mismatch(`${spec.signingName}:${operation}`, `the baseline request was refused: HTTP ${ok.status} ${ok.body.slice(0, 200)}`);
  else checkOutput(model, spec, operation, ok);
  for (const other of more) {
    const answer = await rawAnswer(client, command, other);
    if (answer?.status === 200) checkOutput(model, spec, operation, answer);
    else report.mismatch(`${spec.signingName}:${operation} ${JSON.stringify(other)}`, `refused: HTTP ${answer?.status}`);
  }

  // The emulator's own throttling and internal errors.
  for (const kind of ['throttle', 'error'] as Fault['kind'][]) {
    emulator.setFault(operation, { kind, count: 1 });
    const answer = await rawAnswer(client, command, input);
    emulator.clearFaults();
    if (answer) checkError(model, spec, operation, answer, kind);
  }

  // Each top-level member around the model's limits.
  const inputShape = op.input ? model.shapes[op.input.shape] : undefined;
  for (const [member, ref] of Object.entries(inputShape?.members ?? {})) {
    if (ref.idempotencyToken) continue;
    const required = inputShape?.required?.includes(member) ?? false;
    const tries = [...candidates(model, ref, input[member]), ...(required || input[member] !== undefined ? [undefined] : [])];
    for (const value of tries) {
      const probe = { ...input, [member]: value };
      if (value === undefined) delete probe[member];
      const answer = await rawAnswer(client, command, probe);
      if (!answer) continue; // the SDK refused to serialize it (an empty URI label): nothing reached the emulator
      const expected = verdict(model, operation, member, ref, value, required);
      const refused = answer.status >= 400 && spec.refusal(errorCode(spec, answer).code, errorCode(spec, answer).body);
      const what = `${spec.signingName}:${operation} ${member}=${JSON.stringify(value)?.slice(0, 60)}`;
      if (expected && !refused) report.mismatch(what, `the model refuses it (${expected}); the emulator answered HTTP ${answer.status} ${answer.status >= 400 ? errorCode(spec, answer).code : ''}`);
      if (!expected && refused && !tokens.has(member)) report.mismatch(what, `the model allows it; the emulator refused it: ${answer.body.slice(0, 200)}`);
      if (answer.status >= 400) checkError(model, spec, operation, answer, `${member} probe`);
      else checkOutput(model, spec, operation, answer);
    }
  }
  checkedOperations.add(`${spec.signingName}:${operation}`);
}

test('model conformance: every operation the emulator serves, against the current AWS models', { timeout: 300_000 }, async () => {
  const served = emulator.servedOperations();
  for (const spec of SERVICES) {
    const model = loadModel(spec.folder);
    assert.equal(model.metadata.protocol, spec.protocol, spec.folder);
    for (const [key, rule] of Object.entries(DOCUMENTED)) {
      const [operation, member] = key.split('.');
      if (!model.operations[operation]) continue;
      const doc = (model.shapes[model.operations[operation].input!.shape].members?.[member]?.documentation ?? '').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
      for (const quote of rule.quotes) assert.ok(doc.includes(quote), `${key}: the model's documentation no longer says "${quote}": re-read it and update the rule`);
    }
    const operations = served[spec.signingName] ?? [];
    assert.deepEqual([...operations].sort(), Object.keys(spec.operations).sort(), `${spec.signingName}: every served operation has a request here`);
    for (const operation of operations) {
      assert.ok(model.operations[operation], `${spec.signingName}:${operation} is not in the model`);
      await probeOperation(spec, model, operation);
    }
  }

  // The current members: the token in endpointCredentials, in both, and an endpoint with authProxyUrl.
  const eks = SERVICES.find((s) => s.folder === 'emr-containers')!;
  const eksModel = loadModel('emr-containers');
  const endpoint = emulator.world.regions['us-east-1'].managedEndpoints.find((e) => e.id === E.activeEndpoint)!;
  for (const members of [['endpointCredentials'], ['credentials', 'endpointCredentials']] as const) {
    endpoint.credentialMembers = [...members];
    const { command, input } = eks.operations.GetManagedEndpointSessionCredentials;
    const answer = await rawAnswer(eks.client(emulator), command, input);
    assert.ok(answer && answer.status === 200);
    for (const m of members) assert.ok(JSON.parse(answer.body)[m], `${m} answered`);
    checkOutput(eksModel, eks, 'GetManagedEndpointSessionCredentials', answer);
  }
  delete endpoint.credentialMembers;

  // The IAM Identity Center portal (no SigV4: a bearer token), as the SSO credential provider calls it.
  const sso = loadModel('sso');
  emulator.world.sso!.accessTokens.push('conformance-token');
  const roleCredentials = await fetch(`${emulator.url}/federation/credentials?account_id=123456789012&role_name=${ROLES.ssoRoleName}`, { headers: { 'x-amz-sso_bearer_token': 'conformance-token' } });
  assert.equal(roleCredentials.status, 200);
  checkJson(sso, { shape: sso.operations.GetRoleCredentials.output!.shape }, await roleCredentials.json(), 'sso:GetRoleCredentials output', 'rest-json', report);
  const refused = await fetch(`${emulator.url}/federation/credentials?account_id=123456789012&role_name=${ROLES.ssoRoleName}`, { headers: { 'x-amz-sso_bearer_token': 'not-a-token' } });
  checkError(sso, { folder: 'sso', signingName: 'sso', protocol: 'rest-json', client: () => undefined as never, refusal: () => false, operations: {} }, 'GetRoleCredentials', { status: refused.status, headers: headersOf(refused), body: await refused.text() }, 'unknown token');
  checkedOperations.add('sso:GetRoleCredentials');

  for (const call of PRODUCT_CALLS) assert.ok(checkedOperations.has(call), `${call}, which the product calls, was not checked`);
  console.log(`model conformance: ${checkedOperations.size} operations, ${report.shapes.size} shapes checked, ${report.mismatches.length} mismatches`);
  for (const m of report.mismatches) console.log(`# mismatch: ${m.slice(0, 260)}`);
  assert.deepEqual(report.mismatches, []);
});
