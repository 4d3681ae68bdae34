// AWS STS (awsQuery, 2011-06-15): GetCallerIdentity, so the product can show who the user is, and AssumeRole, which
// the SDK's assume-role provider (source_profile, mfa_serial) calls. AssumeRole issues temporary credentials the
// emulator then accepts on every service; roles live in the world (World.roles).
import { createHash } from 'node:crypto';
import { ServiceError } from '../errors';
import { awsQueryErrors, awsQueryService } from '../protocols/aws-query';
import type { OperationContext, ServiceHandler } from '../service';
import type { Role } from '../types';
import { checkRange, checkString, optionalInteger, optionalString, requiredString, type Fail } from '../validate';

export const DEFAULT_MFA_CODE = '123456';
const DEFAULT_DURATION = 3600;
const DEFAULT_MAX_SESSION = 3600;
const CHAINED_MAX = 3600;

// STS names constraint violations ValidationError (awsQueryErrors' generic invalid is InvalidParameterValue).
const fail: Fail = (message) => {
  throw new ServiceError('ValidationError', 400, message);
};
const denied = (message: string): ServiceError => new ServiceError('AccessDenied', 403, message);

function getCallerIdentity(_params: Record<string, unknown>, ctx: OperationContext) {
  return { Arn: ctx.identity.arn, UserId: ctx.identity.userId, Account: ctx.identity.accountId };
}

/** The role's name: the last segment of its ARN's resource (roles may have paths). */
export function roleName(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

export function roleId(arn: string): string {
  return `AROA${createHash('sha256').update(arn).digest('hex').toUpperCase().slice(0, 17)}`;
}

function assumeRole(params: Record<string, unknown>, ctx: OperationContext) {
  const roleArn = requiredString(params, 'RoleArn', fail);
  checkString('RoleArn', roleArn, 20, 2048, fail);
  const sessionName = requiredString(params, 'RoleSessionName', fail);
  checkString('RoleSessionName', sessionName, 2, 64, fail, /^[\w+=,.@-]*$/);
  const duration = optionalInteger(params, 'DurationSeconds', fail) ?? DEFAULT_DURATION;
  checkRange('DurationSeconds', duration, 900, 43200, fail);
  const externalId = optionalString(params, 'ExternalId', fail);
  if (externalId !== undefined) checkString('ExternalId', externalId, 2, 1224, fail, /^[\w+=,.@:/-]*$/);
  const serial = optionalString(params, 'SerialNumber', fail);
  if (serial !== undefined) checkString('SerialNumber', serial, 9, 256, fail, /^[\w+=/:,.@-]*$/);
  const code = optionalString(params, 'TokenCode', fail);
  if (code !== undefined) checkString('TokenCode', code, 6, 6, fail, /^\d*$/);
  const sourceIdentity = optionalString(params, 'SourceIdentity', fail);
  if (sourceIdentity !== undefined) checkString('SourceIdentity', sourceIdentity, 2, 64, fail, /^[\w+=,.@-]*$/);

  const role: Role | undefined = ctx.world.roles?.find((r) => r.arn === roleArn);
  const notAuthorized = `User: ${ctx.identity.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`;
  if (!role) throw denied(notAuthorized);
  if (role.externalId !== undefined && externalId !== role.externalId) throw denied(notAuthorized);
  if (role.mfaSerial !== undefined) {
    if (serial === undefined || code === undefined) {
      throw denied(`MultiFactorAuthentication failed: role ${roleArn} requires an MFA device (SerialNumber) and its code (TokenCode).`);
    }
    if (serial !== role.mfaSerial || code !== (role.mfaCode ?? DEFAULT_MFA_CODE)) {
      throw denied('MultiFactorAuthentication failed with invalid MFA one time pass code.');
    }
  }
  if (ctx.identity.arn.includes(':assumed-role/') && duration > CHAINED_MAX) {
    fail('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  }
  if (duration > (role.maxSessionDuration ?? DEFAULT_MAX_SESSION)) {
    fail('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }

  const principalArn = `arn:aws:sts::${roleArn.split(':')[4] || ctx.world.accountId}:assumed-role/${roleName(roleArn)}/${sessionName}`;
  const credentials = ctx.startSession(principalArn, role.sessionSeconds ?? duration, roleArn);
  return {
    Credentials: {
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      SessionToken: credentials.sessionToken,
      Expiration: credentials.expiration.toISOString(),
    },
    AssumedRoleUser: { AssumedRoleId: `${roleId(roleArn)}:${sessionName}`, Arn: principalArn },
  };
}

export function stsService(): ServiceHandler {
  return awsQueryService({
    signingName: 'sts',
    version: '2011-06-15',
    xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/',
    errors: awsQueryErrors(),
    operations: { GetCallerIdentity: getCallerIdentity, AssumeRole: assumeRole },
  });
}
