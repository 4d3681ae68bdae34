// The bridge against an in-process fake gateway (plain HTTP, kernels and kernelspecs only): the shim's sessions and
// contents, fallbacks for /api/status and /api/me, per-request credentials, prefix handling and lifecycle.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { JupyterBridge } from '../../src/jupyter/bridge';
import type { IssuedCredential } from '../../src/services/types';

interface Seen {
  method: string;
  url: string;
  authorization?: string;
  origin?: string;
  cookie?: string;
}

function fakeGateway(prefix: string) {
  const kernels = new Map<string, { id: string; name: string }>();
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, origin: req.headers.origin, cookie: req.headers.cookie });
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    const path = req.url!.split('?')[0];
    if (!path.startsWith(prefix)) return send(404, { message: 'not found' });
    const rest = path.slice(prefix.length - 1);
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      if (rest === '/api/kernelspecs') return send(200, { default: 'python3', kernelspecs: {} });
      if (rest === '/api/kernels' && req.method === 'GET') return send(200, [...kernels.values()]);
      if (rest === '/api/kernels' && req.method === 'POST') {
        const k = { id: randomUUID(), name: (JSON.parse(body || '{}') as { name?: string }).name ?? 'python3' };
        kernels.set(k.id, k);
        return send(201, k, { location: `${prefix}api/kernels/${k.id}`, 'set-cookie': 'AWSALB=x' });
      }
      const m = /^\/api\/kernels\/([^/]+)$/.exec(rest);
      if (m && req.method === 'GET') return kernels.has(m[1]) ? send(200, kernels.get(m[1])) : send(404, { message: 'no kernel' });
      if (m && req.method === 'DELETE') return kernels.delete(m[1]) ? send(204) : send(404, { message: 'no kernel' });
      send(404, { message: 'not found' });
    });
  });
  return { server, kernels, seen };
}

describe('bridge with an in-process gateway', () => {
  const gw = fakeGateway('/gw/e1/');
  let bridge: JupyterBridge;
  let credential: IssuedCredential = { secret: 'first-secret', expiresAt: new Date(Date.now() + 60_000) };
  const lines: string[] = [];
  const logger = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) };

  before(async () => {
    await new Promise<void>((r) => gw.server.listen(0, '127.0.0.1', r));
    const port = (gw.server.address() as { port: number }).port;
    bridge = new JupyterBridge(
      { baseUrl: `http://127.0.0.1:${port}/gw/e1`, headers: (c) => ({ Authorization: `token ${c.secret}` }) },
      () => credential,
      logger,
    );
    await Promise.all([bridge.start(), bridge.start()]);
  });

  after(async () => {
    await bridge.dispose();
    await bridge.dispose();
    gw.server.closeAllConnections();
    await new Promise<void>((r) => gw.server.close(() => r()));
    for (const l of lines) assert.ok(!l.includes('secret') && !l.includes(bridge.token), l);
  });

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${bridge.url}${path.replace(/^\//, '')}`, {
      method,
      headers: { authorization: `token ${bridge.token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  }

  test('forwards with the current credential, never the client Authorization or cookies', async () => {
    assert.equal((await call('GET', '/api/kernelspecs', undefined, { cookie: 'a=b' })).status, 200);
    credential = { secret: 'second-secret', expiresAt: new Date(Date.now() + 60_000) };
    assert.equal((await call('GET', '/api/kernelspecs?token=ignored&x=1')).status, 200);
    const [a, b] = gw.seen.slice(-2);
    assert.equal(a.authorization, 'token first-secret');
    assert.equal(a.cookie, undefined);
    assert.equal(a.origin, undefined);
    assert.equal(b.authorization, 'token second-secret');
    assert.equal(b.url, '/gw/e1/api/kernelspecs?x=1');
  });

  test('rewrites Location into the bridge and drops Set-Cookie', async () => {
    const r = await call('POST', '/api/kernels', { name: 'python3' });
    assert.equal(r.status, 201);
    assert.match(r.headers.get('location') ?? '', /^\/api\/kernels\/[0-9a-f-]{36}$/);
    assert.equal(r.headers.get('set-cookie'), null);
    await call('DELETE', `/api/kernels/${String(r.body?.id)}`);
  });

  test('sessions: create (starts a kernel), list, patch, get, delete (kernel deleted)', async () => {
    const created = await call('POST', '/api/sessions', { path: 'a.ipynb', name: 'a.ipynb', type: 'notebook', kernel: { name: 'python3' } });
    assert.equal(created.status, 201);
    const s = created.body as { id: string; kernel: { id: string } };
    assert.ok(gw.kernels.has(s.kernel.id));
    const again = await call('POST', '/api/sessions', { path: 'a.ipynb', kernel: { name: 'python3' } });
    assert.equal((again.body as { id: string }).id, s.id, 'same path → same session');
    const list = await call('GET', '/api/sessions');
    assert.equal((list.body as unknown as unknown[]).length, 1);
    const patched = await call('PATCH', `/api/sessions/${s.id}`, { path: 'b.ipynb', kernel: { name: 'python3' } });
    const newKernel = (patched.body as { kernel: { id: string }; path: string }).kernel.id;
    assert.equal((patched.body as { path: string }).path, 'b.ipynb');
    assert.notEqual(newKernel, s.kernel.id);
    assert.ok(!gw.kernels.has(s.kernel.id), 'the replaced kernel was shut down');
    assert.equal((await call('GET', `/api/sessions/${s.id}`)).status, 200);
    assert.equal((await call('DELETE', `/api/sessions/${s.id}`)).status, 204);
    assert.ok(!gw.kernels.has(newKernel), 'the session\'s kernel was shut down');
    assert.equal((await call('GET', `/api/sessions/${s.id}`)).status, 404);
  });

  test('sessions follow kernels that disappear upstream or are deleted through the bridge', async () => {
    const a = (await call('POST', '/api/sessions', { path: 'x.ipynb', kernel: {} })).body as { id: string; kernel: { id: string } };
    const b = (await call('POST', '/api/sessions', { path: 'y.ipynb', kernel: {} })).body as { id: string; kernel: { id: string } };
    gw.kernels.delete(a.kernel.id); // culled upstream
    assert.equal((await call('DELETE', `/api/kernels/${b.kernel.id}`)).status, 204);
    assert.deepEqual((await call('GET', '/api/sessions')).body, []);
  });

  test('contents: the root is an empty directory, files are 404, newUntitled/rename/delete work in memory', async () => {
    const root = await call('GET', '/api/contents');
    assert.equal(root.body?.type, 'directory');
    assert.deepEqual(root.body?.content, []);
    assert.equal((await call('GET', '/api/contents/nb.ipynb')).status, 404);
    const made = await call('POST', '/api/contents', { type: 'notebook' });
    assert.equal(made.status, 201);
    assert.equal(made.body?.path, 'Untitled.ipynb');
    assert.equal((await call('PATCH', '/api/contents/Untitled.ipynb', { path: 'named.ipynb' })).body?.path, 'named.ipynb');
    assert.equal((await call('GET', '/api/contents/named.ipynb')).status, 200);
    assert.equal((await call('DELETE', '/api/contents/named.ipynb')).status, 204);
    assert.equal((await call('GET', '/api/contents/named.ipynb')).status, 404);
  });

  test('status, me and the API version are answered when the gateway has none', async () => {
    assert.equal((await call('GET', '/api/status')).status, 200);
    assert.equal(((await call('GET', '/api/me')).body?.identity as { username: string }).username, 'cluster-pass');
    assert.equal(typeof (await call('GET', '/api')).body?.version, 'string');
    assert.equal((await call('GET', '/api/terminals')).status, 404, 'other routes are passed through as they are');
  });

  test('any Origin is refused (403), CORS preflights included, with no CORS headers', async () => {
    for (const origin of ['vscode-webview://ok', 'https://evil.example', 'null']) {
      const pre = await fetch(`${bridge.url}api/kernels`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      assert.equal(pre.status, 403, origin);
      assert.equal(pre.headers.get('access-control-allow-origin'), null);
      const get = await call('GET', '/api/kernelspecs', undefined, { origin });
      assert.equal(get.status, 403, origin);
      assert.match(String(get.body?.message), /web pages/);
    }
  });

  test('no credential available → 503 with a message', async () => {
    const b = new JupyterBridge({ baseUrl: bridge.url, headers: () => ({}) }, () => {
      throw new Error('not yet');
    }, logger);
    await b.start();
    try {
      const r = await fetch(`${b.url}api/kernels`, { headers: { authorization: `token ${b.token}` } });
      assert.equal(r.status, 503);
      assert.match(((await r.json()) as { message: string }).message, /no credential/);
    } finally {
      await b.dispose();
    }
  });

  test('allowInsecureTls logs a warning; a disposed bridge cannot start again', async () => {
    const warnings: string[] = [];
    const b = new JupyterBridge({ baseUrl: 'https://127.0.0.1:1/', headers: () => ({}) }, () => credential,
      { info: () => undefined, warn: (m) => warnings.push(m), error: () => undefined }, { allowInsecureTls: true });
    assert.ok(warnings.some((w) => /TLS verification .* is turned off/.test(w)));
    await b.dispose();
    await assert.rejects(b.start());
  });
});
