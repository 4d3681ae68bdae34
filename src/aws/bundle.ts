// Entry point of dist/aws.js: everything that imports the AWS SDK is reached from here only,
// so that activation never loads it. src/aws/loader.ts requires this bundle on first use.
import { GetCallerIdentityCommand, STSClient, type STSClientConfig } from '@aws-sdk/client-sts';
import { services } from '../services/registry';
import type { AwsApi, AwsHooks } from './api';
import { ClientConfigs } from './clientConfig';
import { listProfiles } from './profiles';

export function createAwsApi(hooks: AwsHooks): AwsApi {
  const environmentProfiles = new Set<string>();
  const configs = new ClientConfigs(hooks, environmentProfiles);
  return {
    services,
    async listProfiles() {
      const profiles = await listProfiles();
      environmentProfiles.clear();
      for (const p of profiles) if (p.source === 'environment') environmentProfiles.add(p.name);
      return profiles;
    },
    clientConfig: (location) => configs.get(location),
    async whoAmI(location, signal) {
      const client = new STSClient(configs.get(location) as STSClientConfig);
      try {
        const out = await client.send(new GetCallerIdentityCommand({}), { abortSignal: signal });
        return { account: out.Account, arn: out.Arn };
      } finally {
        client.destroy();
      }
    },
    resetCredentials: (profile) => configs.reset(profile),
  };
}
