// IAM Identity Center discovery, in the AWS bundle: the sign-ins the AWS config names ([sso-session NAME] sections and
// legacy profiles with sso_start_url), the accounts and roles the cached sign-in token (`aws sso login`) may use,
// listed through the SDK's SSO client and its paginators, and credentials for a discovered role from the SDK's own
// SSO provider. Nothing is written to the AWS config.
import { paginateListAccountRoles, paginateListAccounts, SSOClient } from '@aws-sdk/client-sso';
import { fromSSO } from '@aws-sdk/credential-providers';
import { CONFIG_PREFIX_SEPARATOR, getSSOTokenFromFile } from '@smithy/shared-ini-file-loader';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { type DiscoveredRole, type SsoAccount, type SsoSource, ssoSignInArgs, ssoSourceId } from '../aws/discovered';
import { l10n } from '../l10n';
import { configuredEndpoint } from '../aws/endpoints';
import type { SharedConfig } from '../aws/profiles';

const SESSION_SECTION = `sso-session${CONFIG_PREFIX_SEPARATOR}`;
const FALLBACK_REGION = 'us-east-1';

/** The sign-in token is missing or expired: `aws sso login` (with `signInArgs`) fixes it. */
export class SignInRequiredError extends Error {
  override readonly name = 'SignInRequiredError';
  constructor(readonly source: SsoSource, reason: string) {
    super(`${reason} Sign in with "aws ${source.signInArgs.join(' ')}", then refresh.`);
  }
}

/** Every IAM Identity Center sign-in in the config: sessions first (in file order), then legacy profiles by start URL. */
export function ssoSources({ configFile }: SharedConfig): SsoSource[] {
  const profiles = Object.entries(configFile).filter(([name]) => !name.includes(CONFIG_PREFIX_SEPARATOR));
  const sessions = Object.entries(configFile)
    .filter(([name, s]) => name.startsWith(SESSION_SECTION) && s.sso_start_url && s.sso_region)
    .map(([section, s]): SsoSource => {
      const name = section.slice(SESSION_SECTION.length);
      const anchor = profiles.find(([, p]) => p.sso_session === name);
      return {
        id: ssoSourceId('session', name), kind: 'session', name, startUrl: s.sso_start_url!, ssoRegion: s.sso_region!, anchorProfile: anchor?.[0],
        region: anchor?.[1].region ?? s.sso_region!, onByDefault: true, signInArgs: ssoSignInArgs(ssoSourceId('session', name)),
      };
    });
  const seenUrls = new Set<string>();
  const legacy = profiles
    .filter(([, p]) => p.sso_start_url && p.sso_region && !p.sso_session)
    .filter(([, p]) => !seenUrls.has(p.sso_start_url!) && seenUrls.add(p.sso_start_url!))
    .map(([name, p]): SsoSource => ({
      id: ssoSourceId('legacy', name), kind: 'legacy', name, startUrl: p.sso_start_url!, ssoRegion: p.sso_region!, anchorProfile: name,
      region: p.region ?? p.sso_region ?? FALLBACK_REGION, onByDefault: false, signInArgs: ssoSignInArgs(ssoSourceId('legacy', name)),
    }));
  return [...sessions, ...legacy];
}

export interface PortalOptions {
  readonly requestTimeoutMs: number;
}

/** Lists accounts and roles of each source, one SDK SSO client per source (adaptive retries: it slows down when throttled). */
export class IdentityCenter {
  private readonly clients = new Map<string, SSOClient>();

  constructor(private readonly shared: () => SharedConfig, private readonly options: PortalOptions) {}

  sources(): SsoSource[] {
    return ssoSources(this.shared());
  }

  source(id: string): SsoSource | undefined {
    return this.sources().find((s) => s.id === id);
  }

  async accounts(sourceId: string, signal?: AbortSignal): Promise<SsoAccount[]> {
    const source = this.require(sourceId);
    const accessToken = await this.token(source);
    const accounts: SsoAccount[] = [];
    const pages = paginateListAccounts({ client: this.client(source) }, { accessToken }, { abortSignal: signal });
    await this.unauthorizedMeansSignIn(source, async () => {
      for await (const page of pages) {
        for (const a of page.accountList ?? []) if (a.accountId) accounts.push({ accountId: a.accountId, accountName: a.accountName || a.accountId });
      }
    });
    return accounts;
  }

  async roles(sourceId: string, accountId: string, signal?: AbortSignal): Promise<string[]> {
    const source = this.require(sourceId);
    const accessToken = await this.token(source);
    const roles: string[] = [];
    const pages = paginateListAccountRoles({ client: this.client(source) }, { accessToken, accountId }, { abortSignal: signal });
    await this.unauthorizedMeansSignIn(source, async () => {
      for await (const page of pages) for (const r of page.roleList ?? []) if (r.roleName) roles.push(r.roleName);
    });
    return roles.sort((a, b) => a.localeCompare(b));
  }

  /** The SDK's own SSO credential provider for a discovered role (it calls GetRoleCredentials). */
  credentials(role: DiscoveredRole): AwsCredentialIdentityProvider {
    const source = this.require(role.sourceId);
    const endpoint = this.endpoint(source);
    return fromSSO({
      ssoStartUrl: source.startUrl,
      ssoRegion: source.ssoRegion,
      ssoAccountId: role.accountId,
      ssoRoleName: role.roleName,
      // With a session, the SDK finds its cached token through a profile that names the session.
      ...(source.kind === 'session' && source.anchorProfile ? { ssoSession: source.name, profile: source.anchorProfile } : {}),
      ...(endpoint ? { clientConfig: { endpoint } } : {}),
    });
  }

  /** The endpoint for the SSO portal: the anchor profile's (or the environment's) standard endpoint settings. */
  endpoint(source: SsoSource): string | undefined {
    return configuredEndpoint('SSO', source.anchorProfile, this.shared().configFile, process.env);
  }

  reset(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  private require(sourceId: string): SsoSource {
    const source = this.source(sourceId);
    if (!source) throw new Error(l10n.t('The AWS config no longer has the IAM Identity Center sign-in "{0}".', sourceId));
    return source;
  }

  /** The access token `aws sso login` cached (named after the session, or the start URL for legacy profiles). */
  private async token(source: SsoSource): Promise<string> {
    let token: { accessToken?: string; expiresAt?: string };
    try {
      token = await getSSOTokenFromFile(source.kind === 'session' ? source.name : source.startUrl);
    } catch {
      throw new SignInRequiredError(source, l10n.t('No IAM Identity Center sign-in for "{0}" was found.', source.name));
    }
    if (!token.accessToken || !token.expiresAt || Date.parse(token.expiresAt) <= Date.now()) {
      throw new SignInRequiredError(source, l10n.t('The IAM Identity Center sign-in for "{0}" has expired.', source.name));
    }
    return token.accessToken;
  }

  private async unauthorizedMeansSignIn(source: SsoSource, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if ((error as { name?: string }).name === 'UnauthorizedException') throw new SignInRequiredError(source, `IAM Identity Center refused the sign-in for "${source.name}".`);
      throw error;
    }
  }

  private client(source: SsoSource): SSOClient {
    let client = this.clients.get(source.id);
    if (!client) {
      const endpoint = this.endpoint(source);
      client = new SSOClient({
        region: source.ssoRegion,
        ...(endpoint ? { endpoint } : {}),
        maxAttempts: 3,
        retryMode: 'adaptive',
        requestHandler: { requestTimeout: this.options.requestTimeoutMs, connectionTimeout: 5_000, throwOnRequestTimeout: true },
      });
      this.clients.set(source.id, client);
    }
    return client;
  }
}
