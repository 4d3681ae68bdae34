// Profiles from the standard shared config and credentials files (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE honoured).
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { ProfileInfo } from './api';
import type { ConfigSections } from './endpoints';

export interface SharedConfig {
  readonly configFile: ConfigSections;
  readonly credentialsFile: ConfigSections;
}

export async function readSharedConfig(): Promise<SharedConfig> {
  return loadSharedConfigFiles({ ignoreCache: true });
}

export function profilesIn({ configFile, credentialsFile }: SharedConfig, env: NodeJS.ProcessEnv = process.env): ProfileInfo[] {
  const names = new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)].filter((n) => !n.includes('.')));
  const profiles = [...names].sort(defaultFirst).map((name) => describe(name, configFile[name] ?? {}, credentialsFile[name] ?? {}));
  if (!profiles.length && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    profiles.push({ name: 'default', region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION, source: 'environment' });
  }
  return profiles;
}

function describe(name: string, config: Record<string, string | undefined>, credentials: Record<string, string | undefined>): ProfileInfo {
  const region = config.region ?? credentials.region;
  if (config.sso_session || config.sso_start_url) return { name, region, source: 'sso' };
  if (config.role_arn || credentials.role_arn) return { name, region, source: 'assume-role' };
  if (config.credential_process || credentials.credential_process) return { name, region, source: 'process' };
  if (credentials.aws_access_key_id || config.aws_access_key_id) return { name, region, source: 'static' };
  return { name, region, source: 'other' };
}

function defaultFirst(a: string, b: string): number {
  if (a === 'default') return -1;
  if (b === 'default') return 1;
  return a.localeCompare(b);
}
