// Debian's jupyter-server as a gateway client, the way JupyterLab users reach a remote gateway:
// `jupyter server --gateway-url=<url>` with the gateway's token in JUPYTER_GATEWAY_AUTH_TOKEN (its
// GatewayClient.auth_token, sent as `Authorization: token …`; kept out of the command line). Its kernels and
// kernelspecs are the gateway's. It listens on 127.0.0.1 with its own random token; every Jupyter folder and its
// log (DEBUG, every request) are in a temporary folder under TMPDIR, where the suite's leak scan reads.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { existsSync } from 'node:fs';
import { httpStatus } from './index';
import { freePort } from './ports';
import { type Managed, startProcess, waitFor } from './processes';

export interface GatewayClientServer {
  /** `http://127.0.0.1:PORT/` */
  readonly baseUrl: string;
  /** Its own token (for clients of this server). */
  readonly token: string;
  readonly dir: string;
  /** Its log so far. */
  log(): Promise<string>;
  /** Stops it and removes the folder. Idempotent. */
  stop(): Promise<void>;
}

/** Why this machine cannot run it in front of a simulated endpoint, or undefined when it can. */
export function gatewayClientUnavailable(): string | undefined {
  const onPath = (cmd: string): boolean => (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, cmd)));
  const missing = ['jupyter-server', 'nginx'].filter((c) => !onPath(c) && !existsSync(join('/usr/sbin', c)));
  return missing.length ? `${missing.join(' and ')} not installed (Debian jupyter-server, nginx)` : undefined;
}

export async function startGatewayClient(o: { gatewayUrl: string; gatewayToken: string; startTimeoutMs?: number }): Promise<GatewayClientServer> {
  const dir = await mkdtemp(join(tmpdir(), 'cluster-pass-gateway-client-'));
  const logFile = join(dir, 'jupyter-server.log');
  const port = await freePort();
  const token = randomBytes(24).toString('hex');
  for (const d of ['root', 'config', 'data', 'runtime', 'ipython']) await mkdir(join(dir, d), { recursive: true });
  let proc: Managed | undefined;
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      await proc?.stop();
      await rm(dir, { recursive: true, force: true });
    })();
    return stopped;
  };
  try {
    proc = startProcess('jupyter-server', [
      '--allow-root', '--no-browser', '--debug',
      '--ServerApp.ip=127.0.0.1', `--ServerApp.port=${port}`, '--ServerApp.port_retries=0',
      `--ServerApp.token=${token}`, '--ServerApp.password=', `--ServerApp.root_dir=${join(dir, 'root')}`,
      `--gateway-url=${o.gatewayUrl}`,
    ], {
      cwd: dir,
      logFile,
      env: {
        ...process.env,
        JUPYTER_GATEWAY_AUTH_TOKEN: o.gatewayToken,
        JUPYTER_CONFIG_DIR: join(dir, 'config'),
        JUPYTER_DATA_DIR: join(dir, 'data'),
        JUPYTER_RUNTIME_DIR: join(dir, 'runtime'),
        IPYTHONDIR: join(dir, 'ipython'),
        JUPYTER_PLATFORM_DIRS: '1',
      },
    });
    const baseUrl = `http://127.0.0.1:${port}/`;
    await waitFor(o.startTimeoutMs ?? 30_000, proc, 'jupyter-server (gateway client)', async () => (await httpStatus(`${baseUrl}api/status`, { authorization: `token ${token}` })) === 200);
    return { baseUrl, token, dir, log: () => readFile(logFile, 'utf8'), stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
