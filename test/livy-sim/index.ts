// A simulated EMR on EC2 Livy endpoint: the Livy-like test double (livy.ts) behind nginx with TLS from a test CA
// that AWS would not publish (EMR clusters use their own certificates), and nginx `auth_request` asking
// `validateUrl` (the emulator's `/_emulator/validate`) whether the `Authorization: Basic …` on each request carries
// an EMR user and password it issued and that have not expired. The Authorization header reaches the double as is
// (Livy with Basic auth sees it), which records only a fingerprint of it.
//
// Real Apache Livy cannot be had here: it is a JVM server that needs Spark, distributed as an Apache release archive
// (not in Debian, not on npm), and this machine reaches only the npm registry and Debian.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestCa, issueServerCert } from '../jupyter-sim/certs';
import { httpStatus } from '../jupyter-sim/index';
import { type AccessEntry, readAccessLog, startNginxFront, startupError } from '../jupyter-sim/nginx';
import { type Managed } from '../jupyter-sim/processes';
import { type LivyRequest, type LivyServerOptions, startLivyServer } from './livy';

export type { AccessEntry } from '../jupyter-sim/nginx';
export { evaluate, fingerprint, type LivyRequest } from './livy';

export interface LivySimOptions extends LivyServerOptions {
  /** URL nginx's auth_request asks (204 = allowed, 401 = refused). */
  readonly validateUrl: string;
  /** Readiness timeout for nginx, ms. Default 20 000. */
  readonly startTimeoutMs?: number;
}

export interface LivySim {
  /** nginx's TLS port on 127.0.0.1 (the target's livyPort). */
  readonly port: number;
  /** `https://127.0.0.1:PORT` */
  readonly url: string;
  /** PEM of the test CA the server certificate chains to, and its file (what NODE_EXTRA_CA_CERTS would name). */
  readonly caPem: string;
  readonly caFile: string;
  readonly dir: string;
  /** Requests that reached the Livy double (after nginx allowed them). */
  readonly livyRequests: readonly LivyRequest[];
  sessionCount(): number;
  /** nginx's access log so far (status, method, path without query). */
  accessLog(): Promise<AccessEntry[]>;
  /** Stops nginx and the double and removes the folder. Idempotent. */
  stop(): Promise<void>;
}

export async function startLivySim(options: LivySimOptions): Promise<LivySim> {
  const timeout = options.startTimeoutMs ?? 20_000;
  const dir = await mkdtemp(join(tmpdir(), 'cluster-pass-livy-sim-'));
  const procs: Managed[] = [];
  let livy: Awaited<ReturnType<typeof startLivyServer>> | undefined;
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      await Promise.all(procs.map((p) => p.stop()));
      await livy?.close();
      await rm(dir, { recursive: true, force: true });
    })();
    return stopped;
  };
  try {
    const ca = await createTestCa(dir, 'ca', '/CN=Cluster Pass Test EMR Cluster CA');
    const cert = await issueServerCert(dir, ca);
    livy = await startLivyServer(options);
    // Without credentials nginx asks the validator and answers 401: both are up.
    const { port, origin: url } = await startNginxFront({
      dir,
      validateUrl: options.validateUrl,
      cert,
      workerConnections: 256,
      locations: livyLocations(livy.port),
      procs,
      timeoutMs: timeout,
      ready: async (origin) => (await httpStatus(`${origin}/sessions`, {}, ca.pem)) === 401,
    });
    const server = livy;
    return {
      port,
      url,
      caPem: ca.pem,
      caFile: ca.certPath,
      dir,
      livyRequests: server.requests,
      sessionCount: () => server.sessionCount(),
      accessLog: () => readAccessLog(dir),
      stop,
    };
  } catch (e) {
    const error = await startupError('the Livy simulation', dir, e);
    await stop();
    throw error;
  }
}

/** Everything, asked about with the validator, proxied to the Livy double with the Authorization header as is. */
function livyLocations(livyPort: number): string {
  return `    location / {
      auth_request /_sim_auth;
      proxy_pass http://127.0.0.1:${livyPort};
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header Connection "";
    }
`;
}
