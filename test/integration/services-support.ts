// Shared by the services-* integration tests: an emulator per file and AwsContexts pointed at it.
import { after, before, beforeEach } from 'node:test';
import { clientConfig } from '../emulator/clients';
import { startEmulator, type Emulator } from '../emulator/index';
import type { AwsContext, ClientConfig, CredentialMethod, ListOptions, Target, TargetSource } from '../../src/services/types';

export interface Harness {
  readonly emulator: Emulator;
  /** One context (and so one client config object) per region, as the extension does. */
  ctx(region?: string, signal?: AbortSignal): AwsContext;
  stop(): Promise<void>;
}

export async function harness(): Promise<Harness> {
  const emulator = await startEmulator();
  const configs = new Map<string, ClientConfig>();
  return {
    emulator,
    ctx(region = 'us-east-1', signal?: AbortSignal) {
      let config = configs.get(region);
      if (!config) {
        // `endpoint` is not part of ClientConfig: in the product endpoints come from the user's AWS config only.
        config = clientConfig(emulator, region) as unknown as ClientConfig;
        configs.set(region, config);
      }
      return { location: { profile: 'test', region }, clientConfig: config, signal };
    },
    stop: () => emulator.stop(),
  };
}

/**
 * The file's harness, through this file's hooks: started (then `setup` run with it) before its tests, faults and the
 * request log cleared before each test, stopped after. The returned harness may be used in `setup` and the tests.
 * (Node 20 runs a file's top-level `before` hooks concurrently, so setup that needs the harness goes in `setup`.)
 */
export function fileHarness(setup?: (h: Harness) => Promise<void>): Harness {
  let current: Harness | undefined;
  const started = (): Harness => {
    if (!current) throw new Error('the harness has not started yet (used outside a test or hook?)');
    return current;
  };
  before(async () => {
    current = await harness();
    await setup?.(current);
  });
  after(async () => {
    await current?.stop();
  });
  beforeEach(() => {
    started().emulator.clearFaults();
    started().emulator.clearLog();
  });
  return {
    get emulator() {
      return started().emulator;
    },
    ctx: (region, signal) => started().ctx(region, signal),
    stop: () => started().stop(),
  };
}

/** Every target of a source, page after page; returns the pages' sizes too. */
export async function listAll(
  list: (options: ListOptions) => ReturnType<TargetSource['listPage']>,
  options: Omit<ListOptions, 'pageToken'>,
): Promise<{ targets: Target[]; pages: number[] }> {
  const targets: Target[] = [];
  const pages: number[] = [];
  let pageToken: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await list({ ...options, pageToken });
    targets.push(...page.targets);
    pages.push(page.targets.length);
    if (!page.next) return { targets, pages };
    pageToken = page.next;
  }
  throw new Error('more than 100 pages');
}

/** What the generic code does with an error: the module's explanation. */
export async function explainedFailure(method: CredentialMethod, ctx: AwsContext, target: Target, input: Record<string, unknown>): Promise<{ error: unknown; explained: string | undefined }> {
  try {
    await method.fetch(ctx, target, input as never);
  } catch (error) {
    return { error, explained: method.explainError?.(error, target, input as never) };
  }
  throw new Error('fetch succeeded but a failure was expected');
}
