// The endurance run (test/helpers/soak.ts) for 10 minutes: soak_renewals, soak_failed_executes, soak_reconnects,
// soak_rss_growth_mb and soak_fd_growth. `npm test` runs the same for one minute (test/integration/soak.test.ts).
import { runSoak, soakLine } from '../test/helpers/soak';
import { failed, measurement, type Measurement, type Spec } from './lib';

export const SPECS = {
  renewals: { key: 'soak_renewals', unit: 'count', comparison: 'min', limit: 150 },
  failed: { key: 'soak_failed_executes', unit: 'count', comparison: 'equal', limit: 0 },
  reconnects: { key: 'soak_reconnects', unit: 'count', comparison: 'equal', limit: 0 },
  rss: { key: 'soak_rss_growth_mb', unit: 'count', comparison: 'max', limit: 10 },
  fds: { key: 'soak_fd_growth', unit: 'count', comparison: 'equal', limit: 0 },
} as const satisfies Record<string, Spec>;

export async function soakBench(minutes: number, log: (l: string) => void): Promise<Measurement[]> {
  const how = `${minutes} min: one kernel on the simulated endpoint executes \`n+1\` back to back through one bridge (the product path: CredentialService, RenewalScheduler, BridgeManager) whose token lives 4 s and is renewed by the scheduler; 50 more websocket clients on 5 more kernels share the bridge and execute every 2 s. RSS (after a full GC) and open fds of this process, which hosts the bridge as the extension host does, at a quiet moment after warm-up and after the load stopped (lowest reading over 12 s each)`;
  try {
    const r = await runSoak({ durationMs: minutes * 60_000, clients: 50, clientKernels: 5, clientPauseMs: 2000, tokenSeconds: 4, log });
    console.log(soakLine(r));
    const details = { executes: r.executes, main_kernel_executes: r.mainExecutes, rss_mb: r.rssMb, fds: r.fds, failures: r.failures, renewal_failures: r.renewalFailures, seconds: r.seconds, line: soakLine(r) };
    return [
      measurement(SPECS.renewals, r.renewals, `renewals of the 4 s token during the run. ${how}`, details),
      measurement(SPECS.failed, r.failed, 'executes that failed or timed out (30 s) on any of the 51 websockets, same run'),
      measurement(SPECS.reconnects, r.reconnects, 'kernel websockets that left "connected" or were opened again at the bridge, same run'),
      measurement(SPECS.rss, r.rssGrowthMb, 'RSS growth of the process hosting the bridge from after warm-up to the end, MB, same run'),
      measurement(SPECS.fds, r.fdGrowth, 'open file descriptors of the process hosting the bridge, end minus start, same run'),
    ];
  } catch (e) {
    return Object.values(SPECS).map((s) => failed(s, e, how));
  }
}
