// Listing helpers generic over every TargetSource: full paging and a bounded parallel fan-out over locations.
import type { AwsContext, ListOptions, Target, TargetSource } from '../services/types';

/** Every page of a source for one location, in order. */
export async function listAll(source: TargetSource, ctx: AwsContext, options: Omit<ListOptions, 'pageToken'>): Promise<Target[]> {
  const all: Target[] = [];
  let pageToken: string | undefined;
  do {
    const page = await source.listPage(ctx, { ...options, pageToken });
    all.push(...page.targets);
    pageToken = page.next;
  } while (pageToken && !ctx.signal?.aborted);
  return all;
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
