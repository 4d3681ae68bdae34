// Hostile requests to the Jupyter bridge, as raw bytes on a socket, from a client that holds the bridge token (as
// any client it was handed to does). In front of a recording gateway that keeps every byte it receives, each case
// checks: the status and message the client sees; that nothing reached the gateway outside the endpoint's base path;
// that no upstream request carries a body the client framed (a marker in every hostile body never reaches it,
// except in a case that forwards a body on purpose, and then with the bridge's own Content-Length); and that an
// innocent client right after always gets its own response. Closes with
// `bridge hostile requests: N tried, N refused or contained, 0 reached the upstream outside its base`.
// The same smuggling, traversal and Host cases against the simulated managed endpoint (TLS nginx + jupyter-server,
// through the product's own path) are in bridge-hostile-endpoint.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { JupyterBridge } from '../../src/jupyter/bridge';
import { MAX_REQUEST_BODY } from '../../src/jupyter/framing';
import { CONTENTS_LIMITS } from '../../src/jupyter/shim';
import type { IssuedCredential } from '../../src/services/types';
import { captureLog } from '../helpers/bridge';
import { hostileCases, type HostileCase, type HostileContext, MARKER } from '../helpers/hostileCases';
import { type RecordingGateway, sendRaw, servedPath, startRecordingGateway } from '../helpers/rawHttp';

const PREFIX = '/endpoints/sim/';
const SESSION_TOKEN = 'session-token-that-must-stay-in-base';

describe('bridge under hostile requests (recording gateway)', { timeout: 180_000 }, () => {
  let gateway: RecordingGateway;
  let bridge: JupyterBridge;
  const lines: string[] = [];
  const tally = { tried: 0, refusedOrContained: 0, outside: 0 };
  const credential: IssuedCredential = { secret: SESSION_TOKEN, expiresAt: new Date(Date.now() + 3600_000) };

  before(async () => {
    gateway = await startRecordingGateway(PREFIX);
    bridge = new JupyterBridge(
      { baseUrl: gateway.baseUrl, headers: (c) => ({ Authorization: `token ${c.secret}` }) },
      () => credential,
      captureLog(lines),
    );
    await bridge.start();
    // The shim probes the gateway once for /api/sessions and /api/contents; do that before counting requests.
    for (const family of ['sessions', 'contents']) {
      const r = await sendRaw(bridge.port, `GET /api/${family} HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\nAuthorization: token ${bridge.token}\r\n\r\n`);
      assert.equal(r.status, 200);
    }
  });

  after(async () => {
    await bridge?.dispose();
    await gateway?.stop();
    console.log(`bridge hostile requests: ${tally.tried} tried, ${tally.refusedOrContained} refused or contained, ${tally.outside} reached the upstream outside its base`);
    assert.ok(tally.tried >= 40, `at least 40 hostile requests (tried ${tally.tried})`);
    for (const l of lines) assert.ok(!l.includes(SESSION_TOKEN) && !l.includes(bridge.token), `a secret in the log: ${l}`);
  });

  const ctx = (): HostileContext => ({ port: bridge.port, token: bridge.token });

  /** Sends one case and checks everything the gateway received meanwhile. */
  async function run(c: HostileCase): Promise<void> {
    const fromRequest = gateway.requests.length;
    const fromByte = gateway.rawBytes().length;
    const res = await sendRaw(bridge.port, c.bytes(ctx()), { idleMs: c.idleMs ?? 1500, wantResponses: c.thenStatus ? 2 : 1 });
    const innocent = await sendRaw(bridge.port, innocentRequest(ctx(), `innocent-${tally.tried}`));
    const seen = gateway.requests.slice(fromRequest);
    const rawSeen = gateway.rawBytes().slice(fromByte);
    tally.tried++;

    const outside = seen.filter((r) => !servedPath(r.url).startsWith(PREFIX));
    tally.outside += outside.length;
    assert.deepEqual(outside.map((r) => r.url), [], `${c.name}: requests outside the base reached the gateway`);
    const expected = Array.isArray(c.status) ? c.status : [c.status];
    assert.ok(expected.includes(res.status), `${c.name}: status ${res.status}, expected ${expected.join(' or ')}; ${res.body}`);
    if (c.message) assert.match(res.body, c.message, `${c.name}: message`);
    if (c.thenStatus) assert.match(res.raw.slice(res.raw.indexOf('HTTP/1.1', 1)), new RegExp(`^HTTP/1\\.1 ${c.thenStatus} `), `${c.name}: second response`);
    const hostile = seen.filter((r) => r.headers['x-probe'] !== `innocent-${tally.tried - 1}`);
    assert.ok(hostile.length <= (c.forwards ?? 0), `${c.name}: ${hostile.length} upstream requests, expected at most ${c.forwards ?? 0}: ${hostile.map((r) => `${r.method} ${r.url}`).join(', ')}`);
    if (!c.forwardsBody) assert.ok(!rawSeen.includes(MARKER), `${c.name}: a body the client framed reached the gateway`);
    for (const r of seen) {
      assert.equal(r.headers['transfer-encoding'], undefined, `${c.name}: the upstream request kept the client's chunking`);
      assert.equal(Number(r.headers['content-length'] ?? 0), r.body.length, `${c.name}: upstream body and its length disagree`);
      if (r.body.length) assert.ok(!['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(r.method), `${c.name}: a ${r.method} upstream carried a body`);
    }
    assert.equal(innocent.status, 200, `${c.name}: the innocent client after it got ${innocent.status}`);
    assert.equal(JSON.parse(innocent.body).probe, `innocent-${tally.tried - 1}`, `${c.name}: the innocent client got someone else's response`);
    tally.refusedOrContained++;
  }

  for (const c of hostileCases) {
    test(`${c.category}: ${c.name}`, () => run(c));
  }

  test('shim contents: a file over the per-file limit gets 413 with the limit in its message', async () => {
    const content = 'x'.repeat(CONTENTS_LIMITS.fileBytes + 1);
    const r = await put(bridge, 'big.txt', content);
    assert.equal(r.status, 413);
    assert.match(r.body, /larger than the 8 MiB the Cluster Pass bridge keeps for one file/);
  });

  test('shim contents: the total stays within its budget (413 past it), and deleting frees room', async () => {
    const chunk = 'y'.repeat(7 * 1024 * 1024);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await put(bridge, `f${i}.txt`, chunk)).status);
    assert.deepEqual(statuses, [201, 201, 201, 201, 413, 413], 'four 7 MiB files fit in 32 MiB, the fifth does not');
    const refused = await put(bridge, 'f9.txt', chunk);
    assert.match(refused.body, /keeps at most 32 MiB of files in memory/);
    const del = await sendRaw(bridge.port, `DELETE /api/contents/f0.txt HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\nAuthorization: token ${bridge.token}\r\n\r\n`);
    assert.equal(del.status, 204);
    assert.equal((await put(bridge, 'f5.txt', chunk)).status, 201, 'room again after a delete');
  });

  test('a body over the request limit gets 413 with a message, is not read to its end and is no upstream error', async () => {
    const before = bridge.stats().upstreamErrors;
    const body = Buffer.alloc(MAX_REQUEST_BODY + 4 * 1024 * 1024, 0x61);
    const head = `PUT /api/contents/huge.txt HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\nAuthorization: token ${bridge.token}\r\n` +
      'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n';
    const chunked = Buffer.concat([Buffer.from(head), Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]);
    const r = await sendRaw(bridge.port, chunked, { idleMs: 5000 });
    assert.equal(r.status, 413);
    assert.match(r.body, /larger than the bridge's limit of 16 MiB/);
    assert.equal(bridge.stats().upstreamErrors, before);
    const declared = await sendRaw(bridge.port, `PUT /api/contents/huge.txt HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\nAuthorization: token ${bridge.token}\r\nContent-Length: ${MAX_REQUEST_BODY + 1}\r\n\r\n`);
    assert.equal(declared.status, 413, 'a declared length over the limit is refused before reading');
  });
});

function innocentRequest(c: HostileContext, probe: string): string {
  return `GET /api/kernelspecs HTTP/1.1\r\nHost: 127.0.0.1:${c.port}\r\nAuthorization: token ${c.token}\r\nX-Probe: ${probe}\r\n\r\n`;
}

function put(bridge: JupyterBridge, name: string, content: string) {
  const body = JSON.stringify({ type: 'file', format: 'text', content });
  return sendRaw(bridge.port, `PUT /api/contents/${name} HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\nAuthorization: token ${bridge.token}\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`, { idleMs: 5000 });
}
