// Every account role IAM Identity Center discovery covers, as profiles the palette's "everywhere" listing can walk:
// the chosen accounts of each sign-in, then their roles, with bounded concurrency. A failing sign-in or account is
// skipped and returned, so one throttled account never hides the others.
import type { AwsApi, ProfileInfo } from '../aws/api';
import { discoveredProfileName, selectedAccounts, sourceEnabled, type AccountSelection } from '../aws/discovered';
import { mapBounded } from '../aws/listing';

export interface DiscoveryWalk {
  readonly selection: AccountSelection;
  readonly concurrency: number;
  readonly signal?: AbortSignal;
  /** Told each time an account's roles are listed (done of total accounts so far). */
  onAccount?(done: number, total: number): void;
}

export async function discoveredRoleProfiles(api: AwsApi, walk: DiscoveryWalk): Promise<{ profiles: ProfileInfo[]; failures: unknown[] }> {
  const failures: unknown[] = [];
  const sources = (await api.listSsoSources()).filter((s) => sourceEnabled(s, walk.selection));
  const perSource = await mapBounded(sources, walk.concurrency, async (source) => {
    try {
      const accounts = await api.listSsoAccounts(source.id, walk.signal);
      return selectedAccounts(source, accounts, walk.selection).map((account) => ({ source, account }));
    } catch (error) {
      failures.push(error);
      return [];
    }
  });
  const accounts = perSource.flat();
  let done = 0;
  const roles = await mapBounded(accounts, walk.concurrency, async ({ source, account }) => {
    if (walk.signal?.aborted) return [];
    try {
      const names = await api.listSsoRoles(source.id, account.accountId, walk.signal);
      return names.map((roleName): ProfileInfo => {
        const discovered = { sourceId: source.id, accountId: account.accountId, roleName, accountName: account.accountName };
        return { name: discoveredProfileName(discovered), region: source.region, source: 'sso', discovered };
      });
    } catch (error) {
      failures.push(error);
      return [];
    } finally {
      walk.onAccount?.(++done, accounts.length);
    }
  });
  return { profiles: roles.flat(), failures };
}
