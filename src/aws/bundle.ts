// Entry point of dist/aws.js: everything that imports the AWS SDK is reached from here only,
// so that activation never loads it. src/aws/loader.ts requires this bundle on first use.
import { useL10n } from '../l10n';
import { services } from '../services/registry';
import { callerIdentity } from '../services/sts';
import type { AwsApi, AwsHooks } from './api';
import { ClientConfigs, REQUEST_TIMEOUT_MS } from './clientConfig';
import { IdentityCenter } from '../services/identityCenter';
import { profilesIn, readSharedConfig } from './profiles';

export async function createAwsApi(hooks: AwsHooks, options: { readonly requestTimeoutMs?: number } = {}): Promise<AwsApi> {
  if (hooks.l10n) useL10n(hooks.l10n);
  let shared = await readSharedConfig();
  const identityCenter = new IdentityCenter(() => shared, { requestTimeoutMs: options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS });
  const configs = new ClientConfigs(hooks, () => shared, options.requestTimeoutMs, identityCenter);
  return {
    services,
    async listProfiles() {
      // Re-read on every call so edits to ~/.aws show up on refresh.
      shared = await readSharedConfig();
      return profilesIn(shared);
    },
    clientConfig: (location) => configs.get(location),
    whoAmI: (location, signal) => callerIdentity(configs.get(location), signal),
    resetCredentials: (profile) => {
      configs.reset(profile);
      if (profile === undefined) identityCenter.reset();
    },
    async listSsoSources() {
      shared = await readSharedConfig();
      return identityCenter.sources();
    },
    listSsoAccounts: (sourceId, signal) => identityCenter.accounts(sourceId, signal),
    listSsoRoles: (sourceId, accountId, signal) => identityCenter.roles(sourceId, accountId, signal),
  };
}
