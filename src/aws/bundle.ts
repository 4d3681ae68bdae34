// Entry point of dist/aws.js: everything that imports the AWS SDK is reached from here only,
// so that activation never loads it. src/aws/loader.ts requires this bundle on first use.
import { GetCallerIdentityCommand, STSClient, type STSClientConfig } from '@aws-sdk/client-sts';
import { cachedClient } from '../services/clients';
import { useL10n } from '../l10n';
import { services } from '../services/registry';
import type { AwsApi, AwsHooks } from './api';
import { ClientConfigs } from './clientConfig';
import { profilesIn, readSharedConfig } from './profiles';

export async function createAwsApi(hooks: AwsHooks, options: { readonly requestTimeoutMs?: number } = {}): Promise<AwsApi> {
  if (hooks.l10n) useL10n(hooks.l10n);
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
    async whoAmI(location, signal) {
      const client = cachedClient('STS', configs.get(location), (config) => new STSClient(config as STSClientConfig));
      const out = await client.send(new GetCallerIdentityCommand({}), { abortSignal: signal });
      return { account: out.Account, arn: out.Arn };
    },
    resetCredentials: (profile) => configs.reset(profile),
  };
}
