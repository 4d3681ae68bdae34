// The IAM Identity Center portal's GetRoleCredentials (restJson1, GET /federation/credentials, no SigV4: the access
// token `aws sso login` cached travels in x-amz-sso_bearer_token). It hands out temporary credentials the emulator
// accepts, for the account roles World.sso assigns.
import { createHash } from 'node:crypto';
import { ServiceError } from '../errors';
import type { AwsRequest, Reply } from '../service';
import type { TemporaryCredentials } from '../sessions';
import type { World } from '../types';

export const SSO_PATH = '/federation/credentials';
const SSO_SESSION_SECONDS = 3600;
/** The user the stand-in portal signs in (the session name of the assumed role). */
export const SSO_USER = 'cluster-pass-tester';

export interface SsoAnswer {
  reply: Reply;
  params: Record<string, unknown>;
  error?: string;
}

function json(status: number, body: unknown, requestId: string, errorType?: string): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, ...(errorType ? { 'x-amzn-errortype': errorType } : {}) },
    body: JSON.stringify(body),
  };
}

function failure(error: ServiceError, params: Record<string, unknown>, requestId: string): SsoAnswer {
  return { reply: json(error.status, { message: error.message }, requestId, error.code), params, error: error.code };
}

/** The role ARN IAM Identity Center creates for a permission set in an account. */
export function ssoRoleArn(accountId: string, roleName: string): string {
  const suffix = createHash('sha256').update(`${accountId}/${roleName}`).digest('hex').slice(0, 16);
  return `arn:aws:iam::${accountId}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_${roleName}_${suffix}`;
}

export function answerSso(
  req: AwsRequest,
  world: World,
  startSession: (principalArn: string, seconds: number, target: string) => TemporaryCredentials,
  requestId: string,
): SsoAnswer {
  const roleName = req.query.get('role_name') ?? '';
  const accountId = req.query.get('account_id') ?? '';
  const params = { roleName, accountId };
  if (req.method !== 'GET') return failure(new ServiceError('UnknownOperationException', 404, 'No such operation.'), params, requestId);
  if (!roleName || !accountId) return failure(new ServiceError('InvalidRequestException', 400, 'role_name and account_id are required.'), params, requestId);
  const header = req.headers['x-amz-sso_bearer_token'];
  const token = Array.isArray(header) ? header[0] : header;
  if (!token || !world.sso?.accessTokens.includes(token)) {
    return failure(new ServiceError('UnauthorizedException', 401, 'Session token not found or invalid'), params, requestId);
  }
  if (!world.sso.assignments.includes(`${accountId}/${roleName}`)) {
    return failure(new ServiceError('ForbiddenException', 403, 'No access'), params, requestId);
  }
  const roleArn = ssoRoleArn(accountId, roleName);
  const principalArn = `arn:aws:sts::${accountId}:assumed-role/${roleArn.slice(roleArn.lastIndexOf('/') + 1)}/${SSO_USER}`;
  const c = startSession(principalArn, SSO_SESSION_SECONDS, roleArn);
  return {
    reply: json(200, { roleCredentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration.getTime() } }, requestId),
    params,
  };
}
