// Which input tells a credential method's sessions apart and says who they act as (a role, a database user).
// Free of the SDK on purpose: notebook links are keyed and named (recent entries, picker labels) before any
// service module loads.
import type { CredentialMethod } from './types';

type Input = Readonly<Record<string, unknown>>;

/** The identifying parameter of each method that has one; a method without one has one session per target. */
export const IDENTIFYING_PARAMETER: Readonly<Record<string, string>> = {
  'emr.sessionCredentials': 'executionRoleArn',
  'emrContainers.sessionToken': 'executionRoleArn',
  'redshift.clusterCredentials': 'DbUser',
};

/** What tells this session apart from others for the same target and method ('' when nothing does). */
export function sessionIdentity(method: Pick<CredentialMethod, 'id'>, input: Input): string {
  const key = IDENTIFYING_PARAMETER[method.id];
  const value = key ? input[key] : undefined;
  return typeof value === 'string' ? value : '';
}

/** Who the session acts as, in a word after the target's name (a role ARN's last part, a database user). */
export function describeInput(method: Pick<CredentialMethod, 'id'>, input: Input): string | undefined {
  return sessionIdentity(method, input).split('/').pop() || undefined;
}
