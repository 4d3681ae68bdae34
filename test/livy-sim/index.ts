// A simulated EMR on EC2 Livy endpoint: the Livy-like test double (livy.ts) behind nginx with TLS from a test CA
// that AWS would not publish (EMR clusters use their own certificates), and nginx `auth_request` asking
// `validateUrl` (the emulator's `/_emulator/validate`) whether the `Authorization: Basic …` on each request carries
// an EMR user and password it issued and that have not expired. The Authorization header reaches the double as is
// (Livy with Basic auth sees it), which records only a fingerprint of it.
//
// Real Apache Livy cannot be had here: it is a JVM server that needs Spark, distributed as an Apache release archive
// (not in Debian, not on npm), and this machine reaches only the npm registry and Debian.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestCa, issueServerCert } from '../jupyter-sim/certs';
import { freePort, httpStatus } from '../jupyter-sim/index';
import { type Managed, startProcess } from '../jupyter-sim/processes';
import { type LivyRequest, type LivyServerOptions, startLivyServer } from './livy';

export { evaluate, fingerprint, type LivyRequest } from './livy';

export interface LivySimOptions extends LivyServerOptions {
  /** URL nginx's auth_request asks (204 = allowed, 401 = refused). */
  readonly validateUrl: string;
  /** Readiness timeout for nginx, ms. Default 20 000. */
  readonly startTimeoutMs?: number;
}

export interface AccessEntry {
  readonly status: number;
  readonly method: string;
  readonly uri: string;
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
    await mkdir(join(dir, 'nginx-tmp'), { recursive: true });
    const port = await freePort();
    await writeFile(join(dir, 'nginx.conf'), nginxConfig({ dir, port, livyPort: livy.port, validateUrl: options.validateUrl, cert }));
    const nginx = startProcess('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log'), '-g', 'daemon off;'], { cwd: dir });
    procs.push(nginx);
    const url = `https://127.0.0.1:${port}`;
    // Without credentials nginx asks the validator and answers 401: both are up.
    const deadline = Date.now() + timeout;
    for (;;) {
      if (nginx.child.exitCode !== null || nginx.child.signalCode !== null) throw new Error(`nginx exited:\n${nginx.output().slice(-2000)}`);
      if ((await httpStatus(`${url}/sessions`, {}, ca.pem).catch(() => 0)) === 401) break;
      if (Date.now() > deadline) throw new Error(`nginx was not ready after ${timeout} ms:\n${nginx.output().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const server = livy;
    return {
      port,
      url,
      caPem: ca.pem,
      caFile: ca.certPath,
      dir,
      livyRequests: server.requests,
      sessionCount: () => server.sessionCount(),
      async accessLog() {
        const text = await readFile(join(dir, 'access.log'), 'utf8').catch(() => '');
        return text.split('\n').filter(Boolean).map((line) => {
          const [status, method, uri] = line.split(' ');
          return { status: Number(status), method, uri };
        });
      },
      stop,
    };
  } catch (e) {
    const logs = await readFile(join(dir, 'error.log'), 'utf8').catch(() => '');
    await stop();
    throw new Error(`could not start the Livy simulation: ${(e as Error).message}${logs ? `\nnginx error.log:\n${logs.slice(-2000)}` : ''}`);
  }
}

function nginxConfig(o: { dir: string; port: number; livyPort: number; validateUrl: string; cert: { certPath: string; keyPath: string } }): string {
  const t = join(o.dir, 'nginx-tmp');
  const runAsRoot = typeof process.getuid === 'function' && process.getuid() === 0 ? 'user root;' : '';
  return `${runAsRoot}
worker_processes 1;
pid ${join(o.dir, 'nginx.pid')};
error_log ${join(o.dir, 'error.log')} warn;
events { worker_connections 256; }
http {
  log_format sim '$status $request_method $uri';
  access_log ${join(o.dir, 'access.log')} sim;
  client_body_temp_path ${t}/body;
  proxy_temp_path ${t}/proxy;
  fastcgi_temp_path ${t}/fastcgi;
  uwsgi_temp_path ${t}/uwsgi;
  scgi_temp_path ${t}/scgi;
  default_type application/json;
  server {
    listen 127.0.0.1:${o.port} ssl;
    ssl_certificate ${o.cert.certPath};
    ssl_certificate_key ${o.cert.keyPath};
    location = /_sim_auth {
      internal;
      proxy_pass ${o.validateUrl};
      proxy_pass_request_body off;
      proxy_set_header Content-Length "";
      proxy_set_header X-Original-Authorization $http_authorization;
      proxy_set_header X-Original-URI $request_uri;
      proxy_set_header X-Original-Method $request_method;
    }
    location / {
      auth_request /_sim_auth;
      proxy_pass http://127.0.0.1:${o.livyPort};
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header Connection "";
    }
  }
}
`;
}
