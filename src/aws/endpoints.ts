// Endpoint overrides from the standard SDK configuration, per profile.
// The SDK itself applies `endpoint_url` only for the profile named by AWS_PROFILE (its configured-endpoint
// lookup ignores a client's `profile` option), and Cluster Pass uses many profiles at once, so the same
// documented rules are applied here for each profile. There is deliberately no extension setting for this.
// https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
import { CONFIG_PREFIX_SEPARATOR } from '@smithy/shared-ini-file-loader';

type Section = Record<string, string | undefined>;
export type ConfigSections = Record<string, Section>;

/** The endpoint URL configured for an SDK service id (the client's `serviceId`) under a profile, if any. */
export function configuredEndpoint(serviceId: string, profile: string | undefined, config: ConfigSections, env: NodeJS.ProcessEnv): string | undefined {
  const section: Section = (profile !== undefined ? config[profile] : undefined) ?? {};
  if (isTrue(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) || isTrue(section.ignore_configured_endpoint_urls)) return undefined;
  const envKey = serviceId.toUpperCase().replace(/ /g, '_');
  const configKey = serviceId.toLowerCase().replace(/ /g, '_');
  const services = section.services ? config[`services${CONFIG_PREFIX_SEPARATOR}${section.services}`] : undefined;
  return (
    env[`AWS_ENDPOINT_URL_${envKey}`] ||
    env.AWS_ENDPOINT_URL ||
    services?.[`${configKey}${CONFIG_PREFIX_SEPARATOR}endpoint_url`] ||
    section.endpoint_url ||
    undefined
  );
}

function isTrue(value: string | undefined): boolean {
  return value?.toLowerCase() === 'true';
}
