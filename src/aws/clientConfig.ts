// SDK client configuration per profile and region. Credentials come from the SDK's own provider chain
// (SSO, assume-role with source_profile, credential_process, environment, MFA); endpoints come only from
// the standard SDK configuration (endpoint_url in the profile, AWS_ENDPOINT_URL*), never from a setting.
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { memoize } from '@smithy/property-provider';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { ClientConfig, Location } from '../services/types';
import type { AwsHooks } from './api';
import { parseDiscoveredProfile } from './discovered';
import { configuredEndpoint } from './endpoints';
import type { IdentityCenter } from '../services/identityCenter';
import { profilesIn, type SharedConfig } from './profiles';

const REFRESH_BEFORE_MS = 5 * 60_000;
/** A call that takes longer is abandoned (and retried by the SDK), so nothing hangs without end. */
export const REQUEST_TIMEOUT_MS = 15_000;

export class ClientConfigs {
  private readonly providers = new Map<string, AwsCredentialIdentityProvider>();
  private readonly configs = new Map<string, ClientConfig>();

  constructor(
    private readonly hooks: AwsHooks,
    private readonly shared: () => SharedConfig,
    /** Per-attempt request timeout; tests lower it to see the time-out message quickly. */
    private readonly requestTimeoutMs = REQUEST_TIMEOUT_MS,
    /** Credentials for discovered account roles (`sso:SOURCE/ACCOUNT/ROLE`). */
    private readonly identityCenter?: IdentityCenter,
  ) {}

  get(location: Location): ClientConfig {
    const key = `${location.profile}\n${location.region}`;
    let config = this.configs.get(key);
    if (!config) {
      const discovered = parseDiscoveredProfile(location.profile);
      const fromEnvironment = profilesIn(this.shared()).some((p) => p.name === location.profile && p.source === 'environment');
      // A discovered role takes the shared settings (endpoint_url, services) of the profile that anchors its sign-in.
      const profile = discovered ? this.identityCenter?.source(discovered.sourceId)?.anchorProfile : fromEnvironment ? undefined : location.profile;
      config = {
        region: location.region,
        // The profile also selects that profile's endpoint_url and other shared settings.
        profile,
        credentials: this.provider(location.profile, fromEnvironment),
        endpointFor: (serviceId) => configuredEndpoint(serviceId, profile, this.shared().configFile, process.env),
        maxAttempts: 3,
        retryMode: 'standard',
        requestHandler: { requestTimeout: this.requestTimeoutMs, connectionTimeout: 5_000, throwOnRequestTimeout: true },
      };
      this.configs.set(key, config);
    }
    return config;
  }

  reset(profile?: string): void {
    for (const key of [...this.providers.keys()]) if (profile === undefined || key === profile) this.providers.delete(key);
    for (const key of [...this.configs.keys()]) if (profile === undefined || key.startsWith(`${profile}\n`)) this.configs.delete(key);
  }

  private provider(profile: string, fromEnvironment: boolean): AwsCredentialIdentityProvider {
    let provider = this.providers.get(profile);
    const discovered = parseDiscoveredProfile(profile);
    if (!provider && discovered && this.identityCenter) {
      provider = memoize(this.identityCenter.credentials(discovered), isExpired, (c: AwsCredentialIdentity) => c.expiration !== undefined);
      this.providers.set(profile, provider);
    }
    if (!provider) {
      const init = {
        ...(fromEnvironment ? {} : { profile, ...providerClients(profile, this.shared()) }),
        ignoreCache: true,
        mfaCodeProvider: async (serial: string) => {
          const code = await this.hooks.mfaCode(serial);
          if (!code) throw new Error('MFA code entry was cancelled.');
          return code;
        },
      };
      // A credential_process profile gets its credentials from its process only: in the full chain a failing process
      // falls through to the next providers and its own error (the command and why it failed) is lost.
      const isProcess = !fromEnvironment && profilesIn(this.shared()).some((p) => p.name === profile && p.source === 'process');
      const chain = isProcess ? fromIni(init) : fromNodeProviderChain(init);
      // One resolution per profile shared by every client, refreshed shortly before it expires.
      provider = memoize(chain, isExpired, (c: AwsCredentialIdentity) => c.expiration !== undefined);
      this.providers.set(profile, provider);
    }
    return provider;
  }
}

/**
 * The endpoint for the STS client (assume-role) or SSO client (IAM Identity Center) the SDK's providers create for a
 * profile. Those clients look up endpoint_url only under AWS_PROFILE's profile (like every SDK client), so a profile
 * whose file names an endpoint would otherwise send AssumeRole / GetRoleCredentials to AWS's default endpoints.
 * When only the environment names one (AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL_SSO …) the SDK applies it itself.
 */
function providerClients(profile: string, shared: SharedConfig): { clientConfig?: { endpoint: string } } {
  const serviceId = profilesIn(shared).find((p) => p.name === profile)?.source === 'sso' ? 'SSO' : 'STS';
  const ignore = { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: process.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS };
  if (!configuredEndpoint(serviceId, profile, shared.configFile, ignore)) return {};
  const endpoint = configuredEndpoint(serviceId, profile, shared.configFile, process.env);
  return endpoint ? { clientConfig: { endpoint } } : {};
}

function isExpired(c: AwsCredentialIdentity): boolean {
  return c.expiration !== undefined && c.expiration.getTime() - Date.now() < REFRESH_BEFORE_MS;
}
