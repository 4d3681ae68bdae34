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
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestCa, issueServerCert } from './certs';
import { type Managed, startProcess } from './processes';

export { createTestCa, issueServerCert } from './certs';
export type { ServerCert, TestCa } from './certs';

export interface SimulatedEndpointOptions {
  /** URL nginx's auth_request asks (204 = allowed, 401 = refused). */
  readonly validateUrl: string;
  /** Path prefix of the serverUrl, with slashes at both ends. Default `/endpoints/sim/`. */
  readonly pathPrefix?: string;
  /** Readiness timeout for each process, ms. Default 30 000. */
  readonly startTimeoutMs?: number;
}

export interface AccessEntry {
  readonly status: number;
  readonly method: string;
  readonly uri: string;
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

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
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

    // jupyter-server, with every Jupyter/IPython folder inside the temp dir.
    const jupyterPort = await freePort();
    const jupyterToken = randomBytes(24).toString('hex');
    for (const d of ['root', 'config', 'data', 'runtime', 'ipython', 'nginx-tmp']) await mkdir(join(dir, d), { recursive: true });
    const jupyter = startProcess('jupyter-server', [
      '--allow-root', '--no-browser',
      '--ServerApp.ip=127.0.0.1', `--ServerApp.port=${jupyterPort}`, '--ServerApp.port_retries=0',
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
      const status = await httpStatus(`http://127.0.0.1:${jupyterPort}${prefix}api/kernelspecs`, { authorization: `token ${jupyterToken}` });
      return status === 200;
    });

    // nginx in front of it, TLS, gateway routes only.
    const nginxPort = await freePort();
    const conf = nginxConfig({ dir, prefix, nginxPort, jupyterPort, jupyterToken, validateUrl: options.validateUrl, cert });
    await writeFile(join(dir, 'nginx.conf'), conf);
    const nginx = startProcess('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log'), '-g', 'daemon off;'], { cwd: dir });
    procs.push(nginx);
    const serverUrl = `https://127.0.0.1:${nginxPort}${prefix}`;
    await waitFor(timeout, nginx, 'nginx', async () => (await httpStatus(`${serverUrl}api/nonexistent-probe`, {}, ca.pem)) === 404);

    return {
      serverUrl,
      caPem: ca.pem,
      dir,
      async accessLog() {
        let text = '';
        try {
          text = await readFile(join(dir, 'access.log'), 'utf8');
        } catch {
          return [];
        }
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
    const detail = [(e as Error).message, logs && `nginx error.log:\n${logs.slice(-2000)}`].filter(Boolean).join('\n');
    throw new Error(`could not start the simulated endpoint: ${detail}`);
  }
}

function normalizePrefix(p: string): string {
  let out = p.startsWith('/') ? p : `/${p}`;
  if (!out.endsWith('/')) out += '/';
  return out;
}

function nginxConfig(o: {
  dir: string; prefix: string; nginxPort: number; jupyterPort: number; jupyterToken: string; validateUrl: string;
  cert: { certPath: string; keyPath: string };
}): string {
  const t = join(o.dir, 'nginx-tmp');
  const proxied = `
      auth_request /_sim_auth;
      proxy_pass http://127.0.0.1:${o.jupyterPort};
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header Authorization "token ${o.jupyterToken}";
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
      proxy_buffering off;`;
  const runAsRoot = typeof process.getuid === 'function' && process.getuid() === 0 ? 'user root;' : '';
  return `${runAsRoot}
worker_processes 1;
pid ${join(o.dir, 'nginx.pid')};
error_log ${join(o.dir, 'error.log')} warn;
events { worker_connections 512; }
http {
  log_format sim '$status $request_method $uri';
  access_log ${join(o.dir, 'access.log')} sim;
  client_body_temp_path ${t}/body;
  proxy_temp_path ${t}/proxy;
  fastcgi_temp_path ${t}/fastcgi;
  uwsgi_temp_path ${t}/uwsgi;
  scgi_temp_path ${t}/scgi;
  default_type application/json;
  map $http_upgrade $connection_upgrade { default upgrade; '' ''; }
  server {
    listen 127.0.0.1:${o.nginxPort} ssl;
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
    location = ${o.prefix}api {${proxied}
    }
    location ${o.prefix}api/kernels {${proxied}
    }
    location ${o.prefix}api/kernelspecs {${proxied}
    }
    location / {
      return 404 '{"message": "Not Found", "reason": "the simulated gateway serves kernels and kernelspecs only"}';
    }
  }
}
`;
}

async function waitFor(timeoutMs: number, proc: Managed, what: string, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
      throw new Error(`${what} exited (${proc.child.exitCode ?? proc.child.signalCode}):\n${proc.output().slice(-2000)}`);
    }
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} was not ready after ${timeoutMs} ms:\n${proc.output().slice(-2000)}`);
}

/** Status code of a GET, or throws on network errors. */
export function httpStatus(url: string, headers: Record<string, string>, ca?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const mod = u.protocol === 'https:' ? https : http;
    const req = mod.request(u, { method: 'GET', headers, ca, agent: false, timeout: 5000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}
