// The IAM Identity Center portal (restJson1, no SigV4: the access token `aws sso login` cached travels in
// x-amz-sso_bearer_token), per ../shared/aws-models/sso: ListAccounts and ListAccountRoles (paged with
// next_token / max_result) and GetRoleCredentials, which hands out temporary credentials the emulator accepts for
// the account roles World.sso assigns.
import { createHash } from 'node:crypto';
import { ServiceError } from '../errors';
import type { AwsRequest, Reply } from '../service';
import type { TemporaryCredentials } from '../sessions';
import type { World } from '../types';

export const SSO_PATHS = {
  '/federation/credentials': 'GetRoleCredentials',
  '/assignment/accounts': 'ListAccounts',
  '/assignment/roles': 'ListAccountRoles',
} as const;
export type SsoOperation = (typeof SSO_PATHS)[keyof typeof SSO_PATHS];

const SSO_SESSION_SECONDS = 3600;
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;
/** The user the stand-in portal signs in (the session name of the assumed role). */
export const SSO_USER = 'cluster-pass-tester';

export interface SsoAnswer {
  reply: Reply;
  params: Record<string, unknown>;
  error?: string;
}

export function ssoOperation(path: string): SsoOperation | undefined {
  return (SSO_PATHS as Record<string, SsoOperation>)[path];
}

function json(status: number, body: unknown, requestId: string, errorType?: string): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, ...(errorType ? { 'x-amzn-errortype': errorType } : {}) },
    body: JSON.stringify(body),
  };
}

export function ssoFailure(error: ServiceError, params: Record<string, unknown>, requestId: string): SsoAnswer {
  return { reply: json(error.status, { message: error.message }, requestId, error.code), params, error: error.code };
}

/** The role ARN IAM Identity Center creates for a permission set in an account. */
export function ssoRoleArn(accountId: string, roleName: string): string {
  const suffix = createHash('sha256').update(`${accountId}/${roleName}`).digest('hex').slice(0, 16);
  return `arn:aws:iam::${accountId}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_${roleName}_${suffix}`;
}

/** What a request names, for the request log and for faults aimed at one account (never the access token). */
export function ssoParams(req: AwsRequest): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [name, key] of [['account_id', 'accountId'], ['role_name', 'roleName'], ['next_token', 'nextToken'], ['max_result', 'maxResults']]) {
    const value = req.query.get(name);
    if (value !== null) params[key] = value;
  }
  return params;
}

type Start = (principalArn: string, seconds: number, target: string) => TemporaryCredentials;

export function answerSso(operation: SsoOperation, req: AwsRequest, world: World, startSession: Start, requestId: string): SsoAnswer {
  const params = ssoParams(req);
  try {
    if (req.method !== 'GET') throw new ServiceError('UnknownOperationException', 404, 'No such operation.');
    const header = req.headers['x-amz-sso_bearer_token'];
    const token = Array.isArray(header) ? header[0] : header;
    if (!token || !world.sso?.accessTokens.includes(token)) throw new ServiceError('UnauthorizedException', 401, 'Session token not found or invalid');
    const body = operation === 'ListAccounts' ? listAccounts(req, world) : operation === 'ListAccountRoles' ? listAccountRoles(req, world) : roleCredentials(req, world, startSession);
    return { reply: json(200, body, requestId), params };
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return ssoFailure(error, params, requestId);
  }
}

/** Account ids and role names as assigned, in assignment order. */
function assignments(world: World): { accountId: string; roleName: string }[] {
  return (world.sso?.assignments ?? []).map((a) => {
    const slash = a.indexOf('/');
    return { accountId: a.slice(0, slash), roleName: a.slice(slash + 1) };
  });
}

/** One page of `items`: next_token is the index to start at (opaque to clients), max_result 1..100. */
function page<T>(req: AwsRequest, world: World, items: T[]): { items: T[]; nextToken?: string } {
  const rawMax = req.query.get('max_result');
  const max = rawMax === null ? (world.sso?.pageSize ?? DEFAULT_PAGE_SIZE) : Number(rawMax);
  if (!Number.isInteger(max) || max < 1 || max > MAX_PAGE_SIZE) throw new ServiceError('InvalidRequestException', 400, `max_result must be between 1 and ${MAX_PAGE_SIZE}.`);
  const rawToken = req.query.get('next_token');
  const start = rawToken === null ? 0 : /^p\d+$/.test(rawToken) ? Number(rawToken.slice(1)) : NaN;
  if (!Number.isInteger(start) || start > items.length) throw new ServiceError('InvalidRequestException', 400, 'Invalid next_token.');
  const end = start + max;
  return { items: items.slice(start, end), nextToken: end < items.length ? `p${end}` : undefined };
}

function listAccounts(req: AwsRequest, world: World): unknown {
  const ids = [...new Set(assignments(world).map((a) => a.accountId))];
  const { items, nextToken } = page(req, world, ids);
  const accountList = items.map((accountId) => {
    const account = world.accounts?.[accountId];
    return { accountId, accountName: account?.name ?? (accountId === world.accountId ? 'cluster-pass-main' : accountId), emailAddress: account?.email ?? `aws+${accountId}@example.com` };
  });
  return { accountList, ...(nextToken ? { nextToken } : {}) };
}

function listAccountRoles(req: AwsRequest, world: World): unknown {
  const accountId = req.query.get('account_id') ?? '';
  if (!accountId) throw new ServiceError('InvalidRequestException', 400, 'account_id is required.');
  const roles = assignments(world).filter((a) => a.accountId === accountId);
  if (!roles.length) throw new ServiceError('ResourceNotFoundException', 404, 'No access to this account.');
  const { items, nextToken } = page(req, world, roles);
  return { roleList: items.map((r) => ({ roleName: r.roleName, accountId: r.accountId })), ...(nextToken ? { nextToken } : {}) };
}

function roleCredentials(req: AwsRequest, world: World, startSession: Start): unknown {
  const roleName = req.query.get('role_name') ?? '';
  const accountId = req.query.get('account_id') ?? '';
  if (!roleName || !accountId) throw new ServiceError('InvalidRequestException', 400, 'role_name and account_id are required.');
  if (!world.sso?.assignments.includes(`${accountId}/${roleName}`)) throw new ServiceError('ForbiddenException', 403, 'No access');
  const roleArn = ssoRoleArn(accountId, roleName);
  const principalArn = `arn:aws:sts::${accountId}:assumed-role/${roleArn.slice(roleArn.lastIndexOf('/') + 1)}/${SSO_USER}`;
  const c = startSession(principalArn, SSO_SESSION_SECONDS, roleArn);
  return { roleCredentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration.getTime() } };
}
