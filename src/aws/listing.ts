// Listing helpers generic over every TargetSource: full paging and a bounded parallel fan-out over locations.
import type { AwsContext, ListOptions, Target, TargetPage, TargetSource } from '../services/types';

/** Every page `fetchPage` returns, following `next` until there is none or `signal` aborts. */
export async function allPages(fetchPage: (pageToken: string | undefined) => Promise<TargetPage>, signal?: AbortSignal): Promise<Target[]> {
  const all: Target[] = [];
  let pageToken: string | undefined;
  do {
    const page = await fetchPage(pageToken);
    all.push(...page.targets);
    pageToken = page.next;
  } while (pageToken && !signal?.aborted);
  return all;
}

/** Every page of a source for one location, in order. */
export function listAll(source: TargetSource, ctx: AwsContext, options: Omit<ListOptions, 'pageToken'>): Promise<Target[]> {
  return allPages((pageToken) => source.listPage(ctx, { ...options, pageToken }), ctx.signal);
}

/** Runs `work` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < items.length) {
      const index = nextIndex++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
