// The surface of the lazily loaded AWS bundle (dist/aws.js). The activation bundle imports only these types.
import type { L10n } from '../l10n';
import type { ClientConfig, Location, ServiceModule } from '../services/types';

export interface ProfileInfo {
  readonly name: string;
  /** The region the profile names, if any. */
  readonly region?: string;
  /** How the profile gets credentials, for hints ("sso" → offer `aws sso login`). */
  readonly source: 'sso' | 'assume-role' | 'process' | 'static' | 'environment' | 'other';
}

export interface AwsHooks {
  /** Asks the user for an MFA code for the given device; undefined when cancelled. */
  mfaCode(serialNumber: string): Promise<string | undefined>;
  /** vscode.l10n, for the messages of this bundle (its own copy of src/l10n.ts); English without it. */
  readonly l10n?: L10n;
}

export interface AwsApi {
  readonly services: readonly ServiceModule[];
  listProfiles(): Promise<ProfileInfo[]>;
  /** Client configuration for a location; credentials are resolved once per profile and shared. */
  clientConfig(location: Location): ClientConfig;
  /** Who the profile's credentials belong to (STS GetCallerIdentity). */
  whoAmI(location: Location, signal?: AbortSignal): Promise<{ account?: string; arn?: string }>;
  /** Drops cached credentials (after `aws sso login`, or when a profile's files changed). */
  resetCredentials(profile?: string): void;
}

export type AwsApiFactory = (hooks: AwsHooks) => Promise<AwsApi>;
