// Names and shapes of IAM Identity Center discovery shared by the activation bundle and the AWS bundle (no SDK here).
// A discovered account role is addressed like a profile, by a name no AWS config section can have, so that every
// generic part (tree, sessions, listings) works on it unchanged; the AWS bundle turns that name into SSO credentials.

/** Where accounts are discovered: an `[sso-session NAME]`, or a legacy profile with its own `sso_start_url`. */
export interface SsoSource {
  /** The session's name, or `profile/NAME` for a legacy profile. */
  readonly id: string;
  readonly kind: 'session' | 'legacy';
  /** The session or profile name, as the user wrote it. */
  readonly name: string;
  readonly startUrl: string;
  readonly ssoRegion: string;
  /**
   * A profile that uses this sign-in: discovered accounts take its region and endpoint settings, and the SDK's SSO
   * provider finds the session's token through it.
   */
  readonly anchorProfile?: string;
  /** The region discovered accounts are listed in when no region is chosen. */
  readonly region: string;
  /** Discovery is on for it until the user chooses otherwise (sessions: yes; legacy profiles: no). */
  readonly onByDefault: boolean;
  /** The sign-in command line, e.g. `aws sso login --sso-session corp`. */
  readonly signInArgs: readonly string[];
}

export interface SsoAccount {
  readonly accountId: string;
  readonly accountName: string;
}

/** A discovered account role, parsed from its profile-like name. */
export interface DiscoveredRole {
  readonly sourceId: string;
  readonly accountId: string;
  readonly roleName: string;
}

const PREFIX = 'sso:';
const LEGACY_ID_PREFIX = 'profile/';

/** A source's id: a session's name, or `profile/NAME` for a legacy profile (a session name has no slash). */
export function ssoSourceId(kind: SsoSource['kind'], name: string): string {
  return kind === 'legacy' ? `${LEGACY_ID_PREFIX}${name}` : name;
}

/** The `aws` arguments that sign a source in, from its id: `sso login --sso-session NAME`, or `--profile NAME`. */
export function ssoSignInArgs(sourceId: string): string[] {
  return sourceId.startsWith(LEGACY_ID_PREFIX)
    ? ['sso', 'login', '--profile', sourceId.slice(LEGACY_ID_PREFIX.length)]
    : ['sso', 'login', '--sso-session', sourceId];
}
const PATTERN = /^sso:(.+)\/(\d{12})\/([^/]+)$/;

/** The profile-like name of a discovered role: `sso:SOURCE/ACCOUNT/ROLE` (a config section name cannot contain it). */
export function discoveredProfileName(role: DiscoveredRole): string {
  return `${PREFIX}${role.sourceId}/${role.accountId}/${role.roleName}`;
}

export function parseDiscoveredProfile(profile: string | undefined): DiscoveredRole | undefined {
  const match = profile?.startsWith(PREFIX) ? PATTERN.exec(profile) : null;
  return match ? { sourceId: match[1], accountId: match[2], roleName: match[3] } : undefined;
}

/** Account ids chosen per source (`clusterPass.identityCenter.accounts`); a source without an entry uses its default. */
export type AccountSelection = Readonly<Record<string, readonly string[]>>;

/** Whether discovery lists this source at all. */
export function sourceEnabled(source: SsoSource, selection: AccountSelection): boolean {
  const chosen = selection[source.id];
  return chosen === undefined ? source.onByDefault : chosen.length > 0;
}

/** The accounts the tree shows for a source: all of them by default, else those chosen (`*` means all). */
export function selectedAccounts<T extends SsoAccount>(source: SsoSource, accounts: readonly T[], selection: AccountSelection): T[] {
  const chosen = selection[source.id];
  if (chosen === undefined) return source.onByDefault ? [...accounts] : [];
  if (chosen.includes('*')) return [...accounts];
  return accounts.filter((a) => chosen.includes(a.accountId));
}

/**
 * The setting after *Select Accounts…*: each sign-in that listed gets the accounts picked in it (a session with all
 * picked goes back to its default, a legacy profile gets `*`, so accounts added later show too); a sign-in that
 * could not list keeps its entry.
 */
export function nextSelection(
  current: AccountSelection,
  listed: readonly { source: SsoSource; accounts?: readonly SsoAccount[] }[],
  picked: readonly { sourceId: string; accountId: string }[],
): AccountSelection {
  const next: Record<string, readonly string[]> = { ...current };
  for (const { source, accounts } of listed) {
    if (!accounts) continue;
    const ids = picked.filter((p) => p.sourceId === source.id).map((p) => p.accountId);
    if (accounts.length > 0 && ids.length === accounts.length) {
      if (source.onByDefault) delete next[source.id];
      else next[source.id] = ['*'];
    } else next[source.id] = ids;
  }
  return next;
}
