// A simulated EMR on EKS managed endpoint: Debian's jupyter-server (1.23) behind nginx with TLS from a test CA.
// nginx exposes only what an Enterprise Gateway serves (`<prefix>api`, `<prefix>api/kernels*`,
// `<prefix>api/kernelspecs*` and the kernel websockets) and asks `validateUrl` (the emulator's
// `/_emulator/validate`) about every request and websocket upgrade with `auth_request`; the original
// `Authorization` header reaches the validator as is and as `X-Original-Authorization`. Everything else is 404.
//
// Auth between nginx and Jupyter: jupyter-server has its own random token that only nginx knows; nginx replaces
// the client's Authorization with it after the validator said yes. So the server cannot be reached around nginx,
// and XSRF checks are skipped (token-authenticated requests), as on a real gateway.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import * as http from 'node:http';
import * as https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestCa, issueServerCert } from './certs';
import { type AccessEntry, readAccessLog, startNginxFront, startupError } from './nginx';
import { type Managed, startProcess, waitFor } from './processes';

export { createTestCa, issueServerCert } from './certs';
export type { ServerCert, TestCa } from './certs';
export type { AccessEntry } from './nginx';
export { freePort } from './ports';

export interface SimulatedEndpointOptions {
  /** URL nginx's auth_request asks (204 = allowed, 401 = refused). */
  readonly validateUrl: string;
  /** Path prefix of the serverUrl, with slashes at both ends. Default `/endpoints/sim/`. */
  readonly pathPrefix?: string;
  /** Readiness timeout for each process, ms. Default 30 000. */
  readonly startTimeoutMs?: number;
}

export interface SimulatedEndpoint {
  /** `https://127.0.0.1:PORT<prefix>` */
  readonly serverUrl: string;
  /** PEM of the CA the server certificate chains to (what the emulator returns as certificateData, decoded). */
  readonly caPem: string;
  /** The temporary folder holding certificates, configs and logs. */
  readonly dir: string;
  /** nginx's access log so far (status, method, path without query). */
  accessLog(): Promise<AccessEntry[]>;
  /** Stops nginx, jupyter-server and its kernels, and removes the folder. Idempotent. */
  stop(): Promise<void>;
}

export async function startSimulatedEndpoint(options: SimulatedEndpointOptions): Promise<SimulatedEndpoint> {
  const prefix = normalizePrefix(options.pathPrefix ?? '/endpoints/sim/');
  const timeout = options.startTimeoutMs ?? 30_000;
  const dir = await mkdtemp(join(tmpdir(), 'cluster-pass-jupyter-sim-'));
  const procs: Managed[] = [];
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      await Promise.all(procs.map((p) => p.stop()));
      await rm(dir, { recursive: true, force: true });
    })();
    return stopped;
  };

  try {
    const ca = await createTestCa(dir);
    const cert = await issueServerCert(dir, ca);

    // jupyter-server, with every Jupyter/IPython folder inside the temp dir, on a Unix socket: tornado leaves Nagle's
    // algorithm on for websockets, and over TCP its burst of small iopub frames (status, execute_input, result,
    // status) met nginx's delayed ACKs as ~40 ms stalls on some round trips. A Unix socket has no Nagle.
    const jupyterSocket = join(dir, 'jupyter.sock');
    const jupyterToken = randomBytes(24).toString('hex');
    for (const d of ['root', 'config', 'data', 'runtime', 'ipython']) await mkdir(join(dir, d), { recursive: true });
    const jupyter = startProcess('jupyter-server', [
      '--allow-root', '--no-browser',
      `--ServerApp.sock=${jupyterSocket}`,
      `--ServerApp.token=${jupyterToken}`, '--ServerApp.password=',
      `--ServerApp.root_dir=${join(dir, 'root')}`, `--ServerApp.base_url=${prefix}`,
    ], {
      cwd: dir,
      env: {
        ...process.env,
        JUPYTER_CONFIG_DIR: join(dir, 'config'),
        JUPYTER_DATA_DIR: join(dir, 'data'),
        JUPYTER_RUNTIME_DIR: join(dir, 'runtime'),
        IPYTHONDIR: join(dir, 'ipython'),
        JUPYTER_PLATFORM_DIRS: '1',
      },
    });
    procs.push(jupyter);
    await waitFor(timeout, jupyter, 'jupyter-server', async () => {
      const status = await httpStatus(`http://localhost${prefix}api/kernelspecs`, { authorization: `token ${jupyterToken}` }, undefined, jupyterSocket);
      return status === 200;
    });

    // nginx in front of it, TLS, gateway routes only.
    const { origin } = await startNginxFront({
      dir,
      validateUrl: options.validateUrl,
      cert,
      workerConnections: 512,
      httpDirectives: "  map $http_upgrade $connection_upgrade { default upgrade; '' ''; }\n",
      locations: gatewayLocations(prefix, jupyterSocket, jupyterToken),
      procs,
      timeoutMs: timeout,
      ready: async (o) => (await httpStatus(`${o}${prefix}api/nonexistent-probe`, {}, ca.pem)) === 404,
    });
    const serverUrl = `${origin}${prefix}`;

    return {
      serverUrl,
      caPem: ca.pem,
      dir,
      accessLog: () => readAccessLog(dir),
      stop,
    };
  } catch (e) {
    const error = await startupError('the simulated endpoint', dir, e);
    await stop();
    throw error;
  }
}

function normalizePrefix(p: string): string {
  let out = p.startsWith('/') ? p : `/${p}`;
  if (!out.endsWith('/')) out += '/';
  return out;
}

/** The Enterprise Gateway routes, proxied to jupyter-server with its own token; everything else is 404. */
function gatewayLocations(prefix: string, jupyterSocket: string, jupyterToken: string): string {
  const proxied = `
      auth_request /_sim_auth;
      proxy_pass http://unix:${jupyterSocket}:;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header Authorization "token ${jupyterToken}";
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
      proxy_buffering off;`;
  return `    location = ${prefix}api {${proxied}
    }
    location ${prefix}api/kernels {${proxied}
    }
    location ${prefix}api/kernelspecs {${proxied}
    }
    location / {
      return 404 '{"message": "Not Found", "reason": "the simulated gateway serves kernels and kernelspecs only"}';
    }
`;
}

/** Status code of a GET (over `socketPath` when given), or throws on network errors. */
export function httpStatus(url: string, headers: Record<string, string>, ca?: string, socketPath?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const mod = u.protocol === 'https:' ? https : http;
    const req = mod.request(u, { method: 'GET', headers, ca, socketPath, agent: false, timeout: 5000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}
