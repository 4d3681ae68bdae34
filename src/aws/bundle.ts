// Entry point of dist/aws.js: everything that imports the AWS SDK is reached from here only,
// so that activation never loads it. src/aws/loader.ts requires this bundle on first use.
import { services } from '../services/registry';
import { callerIdentity } from '../services/sts';
import type { AwsApi, AwsHooks } from './api';
import { ClientConfigs } from './clientConfig';
import { profilesIn, readSharedConfig } from './profiles';

export async function createAwsApi(hooks: AwsHooks, options: { readonly requestTimeoutMs?: number } = {}): Promise<AwsApi> {
  let shared = await readSharedConfig();
  const configs = new ClientConfigs(hooks, () => shared, options.requestTimeoutMs);
  return {
    services,
    async listProfiles() {
      // Re-read on every call so edits to ~/.aws show up on refresh.
      shared = await readSharedConfig();
      return profilesIn(shared);
    },
    clientConfig: (location) => configs.get(location),
    whoAmI: (location, signal) => callerIdentity(configs.get(location), signal),
    resetCredentials: (profile) => configs.reset(profile),
  };
}
