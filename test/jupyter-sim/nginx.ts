// nginx in front of a local service, as the simulated endpoints run it: TLS from a test CA, every request (and
// websocket upgrade) asked about with `auth_request` at `validateUrl` (the emulator's `/_emulator/validate`), the
// original `Authorization` passed on as is and as `X-Original-Authorization`, an access log of status, method and path.
// Used by the simulated EMR on EKS endpoint (index.ts) and the simulated Livy endpoint (test/livy-sim).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from './ports';
import { type Managed, startProcess, waitFor } from './processes';

export interface AccessEntry {
  readonly status: number;
  readonly method: string;
  readonly uri: string;
}

export interface NginxFrontOptions {
  /** The simulation's temporary folder: nginx.conf, nginx.pid, error.log, access.log and nginx-tmp/ go here. */
  readonly dir: string;
  /** URL nginx's auth_request asks (204 = allowed, 401 = refused). */
  readonly validateUrl: string;
  readonly cert: { readonly certPath: string; readonly keyPath: string };
  readonly workerConnections: number;
  /** Extra directives of the `http` block (whole lines, indented, newline-terminated), before the server. */
  readonly httpDirectives?: string;
  /** The server's locations after the `/_sim_auth` one (whole lines, indented, newline-terminated). */
  readonly locations: string;
  /** Started nginx goes here, for the caller's stop() to end with the rest. */
  readonly procs: Managed[];
  readonly timeoutMs: number;
  /** Readiness probe, given `https://127.0.0.1:PORT`; errors count as not ready. */
  ready(origin: string): Promise<boolean>;
}

/** Writes the config, starts nginx on a free port and waits until `ready` says yes. */
export async function startNginxFront(o: NginxFrontOptions): Promise<{ port: number; origin: string }> {
  await mkdir(join(o.dir, 'nginx-tmp'), { recursive: true });
  const port = await freePort();
  await writeFile(join(o.dir, 'nginx.conf'), nginxFrontConfig({ ...o, port }));
  const nginx = startProcess('nginx', ['-p', o.dir, '-c', join(o.dir, 'nginx.conf'), '-e', join(o.dir, 'error.log'), '-g', 'daemon off;'], { cwd: o.dir });
  o.procs.push(nginx);
  const origin = `https://127.0.0.1:${port}`;
  await waitFor(o.timeoutMs, nginx, 'nginx', () => o.ready(origin));
  return { port, origin };
}

export function nginxFrontConfig(o: {
  dir: string; port: number; validateUrl: string; cert: { certPath: string; keyPath: string };
  workerConnections: number; httpDirectives?: string; locations: string;
}): string {
  const t = join(o.dir, 'nginx-tmp');
  const runAsRoot = typeof process.getuid === 'function' && process.getuid() === 0 ? 'user root;' : '';
  return `${runAsRoot}
worker_processes 1;
pid ${join(o.dir, 'nginx.pid')};
error_log ${join(o.dir, 'error.log')} warn;
events { worker_connections ${o.workerConnections}; }
http {
  log_format sim '$status $request_method $uri';
  access_log ${join(o.dir, 'access.log')} sim;
  client_body_temp_path ${t}/body;
  proxy_temp_path ${t}/proxy;
  fastcgi_temp_path ${t}/fastcgi;
  uwsgi_temp_path ${t}/uwsgi;
  scgi_temp_path ${t}/scgi;
  default_type application/json;
  # Small frames out at once on every connection, websockets included (nginx's default, stated: the bench relies on it).
  tcp_nodelay on;
  # Idle keep-alive connections close after 4 s (nginx's default is 75 s): the endurance run counts open fds.
  keepalive_timeout 4s;
${o.httpDirectives ?? ''}  server {
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
${o.locations}  }
}
`;
}

/** nginx's access log so far (status, method, path without query); none before the first request. */
export async function readAccessLog(dir: string): Promise<AccessEntry[]> {
  const text = await readFile(join(dir, 'access.log'), 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map((line) => {
    const [status, method, uri] = line.split(' ');
    return { status: Number(status), method, uri };
  });
}

/** The error for a simulation that could not start: the cause, then the tail of nginx's error.log if it wrote one. */
export async function startupError(what: string, dir: string, e: unknown): Promise<Error> {
  const logs = await readFile(join(dir, 'error.log'), 'utf8').catch(() => '');
  const detail = [(e as Error).message, logs && `nginx error.log:\n${logs.slice(-2000)}`].filter(Boolean).join('\n');
  return new Error(`could not start ${what}: ${detail}`);
}
