// An isolated AWS config + credentials pair pointing at the emulator through the standard `endpoint_url` setting.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface EmulatorEndpoint {
  url: string;
  accessKeyId: string;
  secretAccessKey: string;
  regions: string[];
}

export interface AwsProfileSpec {
  name: string;
  region: string;
  /** Keys written for this profile instead of the emulator's test keys (e.g. keys the emulator refuses). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** More lines for the profile's config section (e.g. `sso_start_url` for an SSO profile). */
  extraConfig?: Record<string, string>;
  /** Write no keys for this profile into the credentials file (an SSO profile gets its credentials elsewhere). */
  withoutKeys?: boolean;
}

export interface AwsConfigFiles {
  configFile: string;
  credentialsFile: string;
  profiles: AwsProfileSpec[];
  /** Environment for processes that must see only this config (code-server and, through it, the extension host). */
  env: Record<string, string>;
}

/**
 * Writes `config` and `credentials` into `dir`. By default two profiles: `demo` in the emulator's first region and
 * `analytics` in its second (or first), both with the emulator's test keys. An empty list writes empty files.
 */
export function writeAwsConfig(dir: string, emulator: EmulatorEndpoint, profiles?: AwsProfileSpec[]): AwsConfigFiles {
  mkdirSync(dir, { recursive: true });
  const regions = emulator.regions.length ? emulator.regions : ['us-east-1'];
  const specs = profiles ?? [
    { name: 'demo', region: regions[0] },
    { name: 'analytics', region: regions[1] ?? regions[0] },
  ];
  const section = (name: string) => (name === 'default' ? '[default]' : `[profile ${name}]`);
  const extra = (p: AwsProfileSpec) => Object.entries(p.extraConfig ?? {}).map(([k, v]) => `${k} = ${v}\n`).join('');
  const config = specs.map((p) => `${section(p.name)}\nregion = ${p.region}\nendpoint_url = ${emulator.url}\noutput = json\n${extra(p)}`).join('\n');
  const credentials = specs
    .filter((p) => !p.withoutKeys)
    .map((p) => `[${p.name}]\naws_access_key_id = ${p.accessKeyId ?? emulator.accessKeyId}\naws_secret_access_key = ${p.secretAccessKey ?? emulator.secretAccessKey}\n`)
    .join('\n');
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  writeFileSync(configFile, config, { mode: 0o600 });
  writeFileSync(credentialsFile, credentials, { mode: 0o600 });
  return {
    configFile,
    credentialsFile,
    profiles: specs,
    env: {
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
      // No profile at all (an empty config, for the welcome content): no AWS_PROFILE either.
      ...(specs.length ? { AWS_PROFILE: specs[0].name } : {}),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_LOAD_CONFIG: '1',
    },
  };
}

/** Variables that would let a process escape the isolated config; remove them from an inherited environment. */
export const AWS_ENV_TO_CLEAR = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_ENDPOINT_URL',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_ROLE_ARN',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
];
