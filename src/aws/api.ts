// The surface of the lazily loaded AWS bundle (dist/aws.js). The activation bundle imports only these types.
import type { L10n } from '../l10n';
import type { ClientConfig, Location, ServiceModule } from '../services/types';
import type { DiscoveredRole, SsoAccount, SsoSource } from './discovered';

export interface ProfileInfo {
  readonly name: string;
  /** The region the profile names, if any. */
  readonly region?: string;
  /** How the profile gets credentials, for hints ("sso" → offer `aws sso login`). */
  readonly source: 'sso' | 'assume-role' | 'process' | 'static' | 'environment' | 'other';
  /** Set for an account role discovered through IAM Identity Center (its name is `sso:SOURCE/ACCOUNT/ROLE`). */
  readonly discovered?: DiscoveredRole & { readonly accountName: string };
}

export interface AwsHooks {
  /** Asks the user for an MFA code for the given device; undefined when cancelled. */
  mfaCode(serialNumber: string): Promise<string | undefined>;
  /** vscode.l10n, which activation has normally shared process-wide already (src/l10n.ts); English without either. */
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
  /** The IAM Identity Center sign-ins the AWS config names (re-read on every call). */
  listSsoSources(): Promise<SsoSource[]>;
  /** Every account the source's cached sign-in may use (ListAccounts, all pages). Throws SignInRequiredError when signed out. */
  listSsoAccounts(sourceId: string, signal?: AbortSignal): Promise<SsoAccount[]>;
  /** Every role the sign-in may use in an account (ListAccountRoles, all pages), sorted. */
  listSsoRoles(sourceId: string, accountId: string, signal?: AbortSignal): Promise<string[]>;
}

/** Thrown by the listings above when the sign-in is missing or expired; `source.signInArgs` is what fixes it. */
export interface SignInRequired extends Error {
  readonly name: 'SignInRequiredError';
  readonly source: SsoSource;
}

export function isSignInRequired(error: unknown): error is SignInRequired {
  return (error as { name?: string } | undefined)?.name === 'SignInRequiredError';
}

export type { DiscoveredRole };

export type AwsApiFactory = (hooks: AwsHooks) => Promise<AwsApi>;
