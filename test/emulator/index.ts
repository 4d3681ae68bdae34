// In-process API of the local AWS emulator: start it, point SDK clients at `url`, inspect and steer it.
import { EmulatorServer, type Emulator, type EmulatorOptions } from './server';

export type { Emulator, EmulatorOptions } from './server';
export type * from './types';
export { ServiceError } from './errors';
export { tokenFingerprint, type TemporaryCredentials } from './sessions';
export { DEFAULT_MFA_CODE, roleName } from './services/sts';
export { SSO_USER, ssoRoleArn } from './services/sso';
export { DEFAULT_KEY_PAIRS, TEST_ACCESS_KEY_ID, TEST_PRINCIPAL_ARN, TEST_SECRET_ACCESS_KEY } from './identity';
export {
  ACCOUNT_ID,
  DEFAULT_IDS,
  DEFAULT_REGIONS,
  EMR_RUNTIME_ROLE_ARN,
  EXECUTION_ROLE_ARN,
  PLACEHOLDER_CERTIFICATE_PEM,
  ORGANIZATION_ROLES,
  ROLES,
  defaultWorld,
  organizationAccountId,
  organizationWorld,
  generateWorld,
  setGateway,
  type GatewayPatch,
  type OrganizationOptions,
  type ScaleOptions,
} from './world';

/** Starts an emulator on 127.0.0.1 (a free port unless `port` is given) serving every service at once. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = new EmulatorServer(opts);
  await emulator.listen(opts.port ?? 0);
  return emulator;
}
