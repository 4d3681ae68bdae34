// The command palette's way to a target: a QuickPick over every target already loaded in the tree,
// or, when nothing is loaded yet, over everything listed across profiles and regions in parallel.
import type * as vscode from 'vscode';
import type { AwsApi, ProfileInfo } from '../aws/api';
import { allPages, listAll, mapBounded } from '../aws/listing';
import { l10n } from '../l10n';
import type { Location, Target } from '../services/types';

export interface EverywhereOptions {
  readonly profiles: readonly string[];
  readonly regions: readonly string[];
  readonly includeInactive: boolean;
  /** How many profile/region/service listings run at once. */
  readonly concurrency: number;
  readonly signal?: AbortSignal;
  /** More profiles to list (account roles discovered through IAM Identity Center); `profiles` does not filter them. */
  readonly extraProfiles?: readonly ProfileInfo[];
  /** Told as listings finish (done of total). */
  onProgress?(done: number, total: number): void;
}

/** Lists every source at every location (and the children of expandable targets); failures are skipped and returned. */
export async function listEverywhere(api: AwsApi, options: EverywhereOptions): Promise<{ targets: Target[]; failures: unknown[] }> {
  const profiles = await api.listProfiles();
  const chosen = [...(options.profiles.length ? profiles.filter((p) => options.profiles.includes(p.name)) : profiles), ...(options.extraProfiles ?? [])];
  const locations: Location[] = chosen.flatMap((p) => (options.regions.length ? options.regions : [p.region ?? 'us-east-1']).map((region) => ({ profile: p.name, region })));
  const sources = api.services.flatMap((m) => m.sources);
  const jobs = locations.flatMap((location) => sources.map((source) => ({ location, source })));
  const failures: unknown[] = [];
  let done = 0;
  const lists = await mapBounded(jobs, options.concurrency, async ({ location, source }) => {
    if (options.signal?.aborted) return [];
    const ctx = { location, clientConfig: api.clientConfig(location), signal: options.signal };
    try {
      const targets = await listAll(source, ctx, { includeInactive: options.includeInactive });
      const children = await Promise.all(
        targets.filter((t) => t.hasChildren && source.listChildren).map((parent) =>
          allPages((pageToken) => source.listChildren!(ctx, parent, { includeInactive: options.includeInactive, pageToken }), ctx.signal),
        ),
      );
      return [...targets, ...children.flat()];
    } catch (error) {
      failures.push(error);
      return [];
    } finally {
      options.onProgress?.(++done, jobs.length);
    }
  });
  return { targets: lists.flat(), failures };
}

/** Chosen in place of a target: list every profile and region first. */
export const LIST_EVERYTHING = 'listEverything';

export async function pickTarget(window: Pick<typeof vscode.window, 'showQuickPick'>, targets: readonly Target[], canFetch: (t: Target) => boolean): Promise<Target | undefined>;
export async function pickTarget(window: Pick<typeof vscode.window, 'showQuickPick'>, targets: readonly Target[], canFetch: (t: Target) => boolean, offerListEverything: true): Promise<Target | typeof LIST_EVERYTHING | undefined>;
export async function pickTarget(window: Pick<typeof vscode.window, 'showQuickPick'>, targets: readonly Target[], canFetch: (t: Target) => boolean, offerListEverything = false): Promise<Target | typeof LIST_EVERYTHING | undefined> {
  const items: { label: string; description?: string; detail?: string; target?: Target; alwaysShow?: boolean }[] = targets.filter(canFetch).map((target) => ({
    label: target.name,
    description: target.state,
    detail: `${target.id} · ${target.location.profile} · ${target.location.region}`,
    target,
  }));
  if (offerListEverything) items.push({ label: l10n.t('$(search) List every profile and region…'), description: l10n.t('targets not loaded in the view yet'), alwaysShow: true });
  const picked = await window.showQuickPick(items, { title: l10n.t('Get credentials'), placeHolder: l10n.t('Choose a cluster, endpoint or workgroup'), matchOnDescription: true, matchOnDetail: true });
  if (!picked) return undefined;
  return picked.target ?? LIST_EVERYTHING;
}
