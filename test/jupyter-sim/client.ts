// @jupyterlab/services as the Jupyter extension uses it, from Node: settings for a bridge (exactly its
// connectionInfo()) or for a direct connection (credential headers on REST and websocket upgrades, a custom CA),
// plus execute/wait helpers with their own timeouts (a kernel whose upgrade is refused stays "connecting").
import type { Kernel } from '@jupyterlab/services';
import { ServerConnection } from '@jupyterlab/services';
import * as https from 'node:https';
import WebSocket from 'ws';

/** Settings built from nothing but a bridge's `{ baseUrl, token }`. */
export function bridgeSettings(info: { readonly baseUrl: string; readonly token: string }): ServerConnection.ISettings {
  return ServerConnection.makeSettings({
    baseUrl: info.baseUrl,
    token: info.token,
    appendToken: true,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  });
}

/** Settings that reach an upstream directly: `headers()` on every request and upgrade, TLS trusting `ca`. */
export function directSettings(baseUrl: string, headers: () => Record<string, string>, ca: string): ServerConnection.ISettings {
  const agent = new https.Agent({ ca, keepAlive: true });
  class HeaderWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: headers(), ca });
    }
  }
  return ServerConnection.makeSettings({
    baseUrl,
    token: '',
    appendToken: false,
    WebSocket: HeaderWebSocket as unknown as typeof globalThis.WebSocket,
    fetch: agentFetch(agent, headers),
  });
}

/** A fetch over node:https with a given agent (global fetch cannot take a CA without extra packages). */
function agentFetch(agent: https.Agent, extra: () => Record<string, string>): typeof fetch {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : Buffer.from(await request.arrayBuffer());
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => (headers[k] = v));
    Object.assign(headers, extra());
    if (body) headers['content-length'] = String(body.length);
    return new Promise<Response>((resolve, reject) => {
      const req = https.request(request.url, { method: request.method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 500;
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
          resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers: h }));
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  };
}

export function waitConnected(kernel: Kernel.IKernelConnection, timeoutMs: number): Promise<void> {
  if (kernel.connectionStatus === 'connected') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      kernel.connectionStatusChanged.disconnect(onChange);
      reject(new Error(`kernel websocket not connected after ${timeoutMs} ms (status ${kernel.connectionStatus})`));
    }, timeoutMs);
    const onChange = (_: unknown, status: Kernel.ConnectionStatus): void => {
      if (status === 'connected') {
        clearTimeout(timer);
        kernel.connectionStatusChanged.disconnect(onChange);
        resolve();
      }
    };
    kernel.connectionStatusChanged.connect(onChange);
  });
}

/** Executes `code` and returns the `text/plain` of its execute_result (bench/ times round trips; tests do not). */
export async function execute(kernel: Kernel.IKernelConnection, code: string, timeoutMs: number): Promise<{ text: string }> {
  const future = kernel.requestExecute({ code, store_history: false });
  let text: string | undefined;
  let error: string | undefined;
  future.onIOPub = (msg) => {
    if (msg.header.msg_type === 'execute_result') {
      text = String((msg.content as { data: Record<string, unknown> }).data['text/plain']);
    } else if (msg.header.msg_type === 'error') {
      const c = msg.content as { ename: string; evalue: string };
      error = `${c.ename}: ${c.evalue}`;
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`execute of ${JSON.stringify(code)} timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([future.done, timeout]);
  } finally {
    clearTimeout(timer);
  }
  if (error) throw new Error(`kernel error: ${error}`);
  if (text === undefined) throw new Error(`no execute_result for ${JSON.stringify(code)}`);
  return { text };
}

/**
 * Disposes a KernelManager / SessionManager / KernelSpecManager and clears the timers of its polls:
 * @lumino/polling's Poll.dispose() leaves its next tick scheduled (up to the 10 s poll interval), which keeps a
 * test process alive after everything else is closed.
 */
export function disposeManager(manager: { dispose(): void }): void {
  manager.dispose();
  for (const value of Object.values(manager as unknown as Record<string, unknown>)) {
    const poll = value as { isDisposed?: boolean; _timeout?: ReturnType<typeof setTimeout> } | null;
    if (poll && typeof poll === 'object' && poll.isDisposed === true && '_timeout' in poll) clearTimeout(poll._timeout);
  }
}
