// Key pairs the emulator accepts and the IAM identities they stand for.
import { createHash } from 'node:crypto';
import type { Identity } from './service';
import type { KeyPair } from './types';
import { ACCOUNT_ID } from './world';

/** The fixed test key pair (not a real AWS key). */
export const TEST_ACCESS_KEY_ID = 'AKIACLUSTERPASSTEST1';
export const TEST_SECRET_ACCESS_KEY = 'clusterPassEmulatorTestSecretKey0000001x';
export const TEST_PRINCIPAL_ARN = `arn:aws:iam::${ACCOUNT_ID}:user/cluster-pass-tester`;

export const DEFAULT_KEY_PAIRS: readonly KeyPair[] = [
  { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY, principalArn: TEST_PRINCIPAL_ARN },
];

export function identityOf(key: KeyPair, accountId: string): Identity {
  const arn = key.principalArn ?? `arn:aws:iam::${accountId}:user/cluster-pass-tester`;
  const resource = arn.slice(arn.lastIndexOf(':') + 1);
  const isRole = resource.startsWith('role/') || resource.startsWith('assumed-role/');
  const parts = resource.split('/');
  const name = resource.startsWith('assumed-role/') ? parts[1] : parts[parts.length - 1];
  const digest = createHash('sha256').update(key.accessKeyId).digest('hex').toUpperCase().slice(0, 17);
  // An assumed role's user id ends in its session name (AROA…:session), as STS GetCallerIdentity shows it.
  const userId = isRole ? `AROA${digest}:${resource.startsWith('assumed-role/') ? (parts[2] ?? name) : name}` : `AIDA${digest}`;
  return { accountId: arn.split(':')[4] || accountId, arn, userId, name, isRole };
}
