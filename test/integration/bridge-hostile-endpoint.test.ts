// The hostile requests of bridge-hostile.test.ts against the simulated managed endpoint (jupyter-server behind TLS
// nginx that validates every request with the emulator), through a bridge the product's own path started
// (CredentialService + the EMR on EKS module's jupyterUpstream + BridgeManager). nginx's access log, which records
// the path it served after decoding and normalizing, must never show a path outside the endpoint's base, and an
// innocent client after each case must get its own kernelspecs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { JupyterBridge } from '../../src/jupyter/bridge';
import type { CredentialMethod, Target } from '../../src/services/types';
import { EXECUTION_ROLE_ARN } from '../emulator/index';
import { bridgeProductPath, captureLog, simulatedEndpointTarget, type BridgeProductPath } from '../helpers/bridge';
import { hostileCases } from '../helpers/hostileCases';
import { startProductWorld, type ProductWorld } from '../helpers/product';
import { sendRaw } from '../helpers/rawHttp';
import type { SimulatedEndpoint } from '../jupyter-sim/index';

const PREFIX = '/endpoints/sim/';

describe('bridge under hostile requests (simulated managed endpoint, product path)', { timeout: 180_000 }, () => {
  let world: ProductWorld;
  let sim: SimulatedEndpoint;
  let product: BridgeProductPath | undefined;
  let bridge: JupyterBridge;
  const lines: string[] = [];
  let tried = 0;

  before(async () => {
    world = await startProductWorld();
    let method: CredentialMethod;
    let target: Target;
    ({ sim, method, target } = await simulatedEndpointTarget(world, { pathPrefix: PREFIX }));
    product = bridgeProductPath(world, { log: captureLog(lines), failures: [] });
    const connection = await product.manager.connect(target, method, { executionRoleArn: EXECUTION_ROLE_ARN, durationInSeconds: 900, logContext: 'hostile' });
    bridge = connection.bridge as JupyterBridge;
  });

  after(async () => {
    // Shut down the kernels the accepted cases started.
    const list = await sendRaw(bridge.port, request(bridge, 'GET', '/api/kernels'));
    for (const k of JSON.parse(list.body || '[]') as { id: string }[]) await sendRaw(bridge.port, request(bridge, 'DELETE', `/api/kernels/${k.id}`));
    await product?.dispose();
    await sim?.stop();
    const issued = world?.emulator.issuedSecrets.map((i) => i.secret) ?? [];
    await world?.stop();
    for (const line of lines) for (const s of issued) assert.ok(!line.includes(s), 'an issued token leaked into the log');
  });

  for (const c of hostileCases) {
    test(`${c.category}: ${c.name}`, async () => {
      const res = await sendRaw(bridge.port, c.bytes({ port: bridge.port, token: bridge.token }), { idleMs: c.idleMs ?? 2000 });
      const expected = Array.isArray(c.status) ? c.status : [c.status];
      assert.ok(expected.includes(res.status), `status ${res.status}, expected ${expected.join(' or ')}: ${res.body}`);
      const innocent = await sendRaw(bridge.port, request(bridge, 'GET', '/api/kernelspecs'));
      assert.equal(innocent.status, 200, `the innocent client after it got ${innocent.status}: ${innocent.body}`);
      assert.ok((JSON.parse(innocent.body) as { kernelspecs?: object }).kernelspecs, 'the innocent client got kernelspecs, its own answer');
      tried++;
    });
  }

  test('nginx served nothing outside the endpoint base path, and every request it saw was validated', async () => {
    const log = await sim.accessLog();
    assert.ok(log.length > tried, 'nginx saw the innocent requests');
    const outside = log.filter((e) => !e.uri.startsWith(PREFIX));
    console.log(`bridge hostile requests against the simulated endpoint: ${tried} tried, ${outside.length} reached nginx outside ${PREFIX}`);
    assert.deepEqual(outside, [], 'paths outside the base reached nginx');
    assert.deepEqual(log.filter((e) => e.status === 401 || e.status === 403), [], 'every request nginx saw carried the session token');
  });
});

function request(bridge: JupyterBridge, method: string, path: string): string {
  return `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\nAuthorization: token ${bridge.token}\r\n\r\n`;
}
