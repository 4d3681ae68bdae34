// The EMR on EC2 Livy path end to end, as a user's machine runs it: the AWS emulator, a Livy-like test double behind
// TLS nginx that validates every request's Basic credential with the emulator (test/livy-sim), and the product's
// CredentialService + the EMR module's jupyterUpstream + BridgeManager + RenewalScheduler. The client does what
// sparkmagic does with Basic_Access, using exactly the settings the module's client config renders (the bridge's
// local URL, any user, the bridge token as password): create a session, run `1+1`, delete it.
//
// EMR's GetClusterSessionCredentials has no duration parameter and the emulator issues 1-hour credentials, so the
// renewal test compresses the scheduler's waits (its timer API caps each wait at RENEW_WAIT_MS); everything else in
// the renewal — when to renew, the fetch, the store, the bridge picking the credential up — is the product's own.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as http from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { JupyterBridge } from '../../src/jupyter/bridge';
import { BridgeManager, type BridgeConnection } from '../../src/jupyter/manager';
import { ClusterPassServerProvider } from '../../src/jupyter/serverProvider';
import { CREDENTIAL_SETTLE_MS } from '../../src/services/emr';
import type { CredentialMethod, Target } from '../../src/services/types';
import { RenewalScheduler } from '../../src/sessions/renewal';
import { DEFAULT_IDS, EMR_RUNTIME_ROLE_ARN } from '../emulator/index';
import { bridgeProductPath, captureLog, type BridgeProductPath } from '../helpers/bridge';
import { credentialService, recordingWindow, startProductWorld, type ProductWorld } from '../helpers/product';
import { uri } from '../helpers/vscode';
import { fingerprint, startLivySim, type LivySim } from '../livy-sim/index';
import { createBridge } from '../../src/jupyter/bridgeBundle';

const RENEW_WAIT_MS = 1500;
const STEP_MS = 10_000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** What sparkmagic's LivySession does over HTTP with Basic_Access: requests with HTTPBasicAuth and X-Requested-By. */
class SparkmagicLikeClient {
  constructor(private readonly config: { url: string; username: string; password: string; auth: string }) {}

  private get authorization(): string {
    return `Basic ${Buffer.from(`${this.config.username}:${this.config.password}`).toString('base64')}`;
  }

  async call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    const res = await fetch(`${this.config.url}${path}`, {
      method,
      headers: {
        authorization: this.authorization,
        'x-requested-by': 'sparkmagic',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(STEP_MS),
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  async waitFor(path: string, done: (json: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    const deadline = Date.now() + STEP_MS;
    for (;;) {
      const r = await this.call('GET', path);
      assert.equal(r.status, 200, `GET ${path}: ${JSON.stringify(r.json)}`);
      if (done(r.json)) return r.json;
      assert.ok(Date.now() < deadline, `GET ${path} did not reach the expected state within ${STEP_MS} ms: ${JSON.stringify(r.json)}`);
      await sleep(50);
    }
  }

  async createSession(): Promise<number> {
    const created = await this.call('POST', '/sessions', { kind: 'pyspark' });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const id = created.json.id as number;
    await this.waitFor(`/sessions/${id}`, (s) => s.state === 'idle');
    return id;
  }

  async run(session: number, code: string): Promise<Record<string, unknown>> {
    const posted = await this.call('POST', `/sessions/${session}/statements`, { code });
    assert.equal(posted.status, 201, JSON.stringify(posted.json));
    const done = await this.waitFor(`/sessions/${session}/statements/${posted.json.id as number}`, (s) => s.state === 'available');
    await this.waitFor(`/sessions/${session}`, (s) => s.state === 'idle');
    return done.output as Record<string, unknown>;
  }
}

describe('Livy on EMR on EC2 through the product path (CredentialService + jupyterUpstream + BridgeManager + renewal)', { timeout: 120_000 }, () => {
  let world: ProductWorld;
  let sim: LivySim;
  let product: BridgeProductPath | undefined;
  let manager: BridgeManager;
  let renewal: RenewalScheduler;
  let services: ReturnType<typeof credentialService>;
  let target: Target;
  let method: CredentialMethod;
  let caFile = '';
  const lines: string[] = [];
  const failures: string[] = [];
  const bridgeTokens: string[] = [];
  const cleanups: (() => unknown)[] = [];
  const input = { executionRoleArn: EMR_RUNTIME_ROLE_ARN };
  const log = captureLog(lines);

  before(async () => {
    world = await startProductWorld();
    sim = await startLivySim({ validateUrl: `${world.emulator.url}/_emulator/validate` });
    // The cluster's master is this machine; its Livy listens on nginx's port (the target's livyPort).
    const cluster = world.emulator.world.regions[DEFAULT_IDS.region].emrClusters.find((c) => c.id === DEFAULT_IDS.emr.running);
    assert.ok(cluster);
    cluster.masterPublicDnsName = '127.0.0.1';
    method = world.api.services.flatMap((m) => m.methods).find((m) => m.id === 'emr.sessionCredentials')!;
    assert.ok(method?.jupyterUpstream);
    target = {
      kind: method.targetKind,
      location: { profile: 'demo', region: DEFAULT_IDS.region },
      id: cluster.id,
      name: cluster.name,
      state: cluster.state,
      stateCategory: 'active',
      details: { livyPort: sim.port },
    };
    caFile = sim.caFile;
    product = bridgeProductPath(world, {
      log,
      failures,
      timeouts: { setTimeout: (cb, ms) => setTimeout(cb, Math.min(ms, RENEW_WAIT_MS)).unref(), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
      extraCaFile: () => caFile,
    });
    ({ services, renewal, manager } = product);
  });

  after(async () => {
    for (const c of cleanups.reverse()) await c();
    await product?.dispose();
    await sim?.stop();
    const issued = world?.emulator.issuedSecrets.map((i) => i.secret) ?? [];
    await world?.stop();
    const secrets = [...issued, ...bridgeTokens];
    assert.ok(issued.length > 0 && bridgeTokens.length > 0);
    for (const line of lines) for (const s of secrets) assert.ok(!line.includes(s), `a secret leaked into the log: ${line.split(s).join('***')}`);
  });

  async function connect(): Promise<{ c: BridgeConnection; client: SparkmagicLikeClient }> {
    const c = await manager.connect(target, method, input);
    bridgeTokens.push(c.bridge.token);
    const config = c.clientConfigs.find((f) => f.id === 'sparkmagicConfig');
    assert.ok(config, 'the EMR upstream offers sparkmagic settings');
    const rendered = config.render({ url: c.bridge.url, token: c.bridge.token, name: c.target.name });
    const parsed = (JSON.parse(`{${rendered}}`) as { kernel_python_credentials: { url: string; username: string; password: string; auth: string } }).kernel_python_credentials;
    return { c, client: new SparkmagicLikeClient(parsed) };
  }

  /** The fingerprint of the Basic header of each EMR credential the emulator issued, with when it was issued. */
  function issuedFingerprints(): Map<string, number> {
    const out = new Map<string, number>();
    for (const s of world.emulator.issuedSecrets) {
      if (s.operation !== 'GetClusterSessionCredentials' || !s.user) continue;
      out.set(fingerprint(`Basic ${Buffer.from(`${s.user}:${s.secret}`).toString('base64')}`), Date.parse(s.issuedAt));
    }
    return out;
  }

  test('connect waits for the new credential to settle, starts a Livy bridge that is not offered as a Jupyter server, and renders sparkmagic settings without AWS secrets', async () => {
    const t0 = Date.now();
    const { c } = await connect();
    assert.ok(Date.now() - t0 >= CREDENTIAL_SETTLE_MS - 50, 'the first use waits for the credential to reach the cluster');
    assert.equal(c.upstreamKind, 'http');
    assert.ok(renewal.isTracked(c.key));
    const provider = new ClusterPassServerProvider({
      manager, recent: () => [], connectRecent: () => Promise.reject(new Error('not used')), pickAndConnect: () => Promise.reject(new Error('not used')),
      pickerDone: () => new Error('done'), parseUri: uri,
    });
    cleanups.push(() => provider.dispose());
    assert.throws(() => provider.resolveJupyterServer({ id: c.key, label: c.target.name }), /no running connection/, 'a Livy bridge is no Jupyter server');

    const port = new URL(c.bridge.url).port;
    const add = c.clientConfigs.find((f) => f.id === 'sparkmagicAdd')!.render({ url: c.bridge.url, token: c.bridge.token, name: c.target.name });
    assert.equal(add, `%spark add -s analytics_prod -l python -u http://127.0.0.1:${port} -a cluster-pass -p ${c.bridge.token} -t Basic_Access`);
    const session = services.store.get(c.key)!;
    for (const f of c.clientConfigs) {
      const text = f.render({ url: c.bridge.url, token: c.bridge.token, name: c.target.name });
      assert.ok(!text.includes(session.credential.secret) && !text.includes(session.credential.user!), `${f.id} holds no EMR credential`);
    }
  });

  test('sparkmagic-style client with Basic (any user, bridge token as password): create a session, 1+1 = 2, an error, delete', async () => {
    const { client } = await connect();
    const seenBefore = sim.livyRequests.length;
    const id = await client.createSession();
    const two = await client.run(id, '1+1');
    assert.deepEqual(two, { execution_count: 0, status: 'ok', data: { 'text/plain': '2' } });
    const error = await client.run(id, '1/0');
    assert.equal(error.status, 'error');
    assert.equal(error.ename, 'ZeroDivisionError');
    const list = await client.call('GET', '/sessions');
    assert.equal(list.status, 200);
    assert.equal(list.json.total, 1);
    const deleted = await client.call('DELETE', `/sessions/${id}`);
    assert.equal(deleted.status, 200);
    assert.equal((await client.call('GET', `/sessions/${id}`)).status, 404);
    assert.equal(sim.sessionCount(), 0);

    // Upstream, every request carried an EMR credential (never the bridge token) and sparkmagic's X-Requested-By.
    const fingerprints = issuedFingerprints();
    const upstream = sim.livyRequests.slice(seenBefore);
    assert.ok(upstream.length >= 6);
    for (const r of upstream) {
      assert.ok(fingerprints.has(r.authFingerprint), `${r.method} ${r.path} carried an issued EMR credential`);
      assert.equal(r.requestedBy, 'sparkmagic');
    }
  });

  test('across automatic renewals the bridge switches to each renewed credential once it has settled, with no request refused', async () => {
    const { c, client } = await connect();
    const statsBefore = (c.bridge as JupyterBridge).stats();
    const accessBefore = (await sim.accessLog()).length;
    const seenBefore = sim.livyRequests.length;
    const start = services.store.get(c.key)!;
    const id = await client.createSession();
    const deadline = Date.now() + 60_000;
    let n = 0;
    for (;;) {
      const s = services.store.get(c.key);
      assert.ok(s, 'the session stays in the store');
      const usedRenewed = new Set(sim.livyRequests.slice(seenBefore).map((r) => r.authFingerprint)).size;
      if (s.renewals - start.renewals >= 2 && usedRenewed >= 3) break;
      assert.ok(Date.now() < deadline, `after 60 s: ${s.renewals - start.renewals} renewals, ${usedRenewed} credentials used upstream`);
      assert.deepEqual(await client.run(id, `${n}*3`), { execution_count: n, status: 'ok', data: { 'text/plain': String(n * 3) } });
      n++;
      await sleep(100);
    }
    assert.equal((await client.call('DELETE', `/sessions/${id}`)).status, 200);

    const fingerprints = issuedFingerprints();
    for (const r of sim.livyRequests.slice(seenBefore)) {
      const issuedAt = fingerprints.get(r.authFingerprint);
      assert.ok(issuedAt !== undefined, 'an issued EMR credential');
      assert.ok(r.at - issuedAt >= CREDENTIAL_SETTLE_MS, `${r.method} ${r.path} used a credential ${r.at - issuedAt} ms after it was issued (< ${CREDENTIAL_SETTLE_MS})`);
    }
    const refused = (await sim.accessLog()).slice(accessBefore).filter((e) => e.status === 401 || e.status === 403);
    assert.deepEqual(refused, [], 'nothing refused upstream');
    assert.equal((c.bridge as JupyterBridge).stats().upstreamRefusals - statsBefore.upstreamRefusals, 0);
    assert.deepEqual(failures, [], 'no renewal failed');
    assert.ok(lines.some((l) => l.startsWith('info Renewed analytics-prod')));
  });

  test('the bridge refuses a missing, wrong or empty Basic password and a foreign Host; nothing reaches Livy', async () => {
    const { c } = await connect();
    const base = c.bridge.url.replace(/\/$/, '');
    const reached = sim.livyRequests.length;
    const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    const status = async (headers: Record<string, string>) => (await fetch(`${base}/sessions`, { headers, signal: AbortSignal.timeout(STEP_MS) })).status;
    assert.equal(await status({}), 401);
    assert.equal(await status({ authorization: basic('cluster-pass', 'not-the-token') }), 401);
    assert.equal(await status({ authorization: basic('cluster-pass', '') }), 401);
    assert.equal(await status({ authorization: basic(c.bridge.token, 'x') }), 401, 'the token as user name is not enough');
    assert.equal(await status({ authorization: `Basic ${Buffer.from(c.bridge.token).toString('base64')}` }), 401, 'no colon, no password');
    // An EMR credential itself is no key to the bridge either.
    const s = services.store.get(c.key)!;
    assert.equal(await status({ authorization: basic(s.credential.user!, s.credential.secret) }), 401);
    assert.equal(sim.livyRequests.length, reached, 'nothing refused reached Livy');
    // Any user name, the token as password.
    assert.equal(await status({ authorization: basic('anyone', c.bridge.token) }), 200);
    assert.equal(await status({ authorization: `token ${c.bridge.token}` }), 200);
    // DNS-rebinding guard applies to Basic as to tokens.
    const foreign = await new Promise<number>((resolve, reject) => {
      const u = new URL(base);
      const req = http.request({ host: u.hostname, port: u.port, path: '/sessions', headers: { host: 'evil.example:80', authorization: basic('x', c.bridge.token) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(foreign, 403);
  });

  test('TLS: without the extra CA file (NODE_EXTRA_CA_CERTS) the cluster\'s certificate is not trusted (clear 502); an unreadable or non-PEM file fails the connect clearly', async () => {
    const other = credentialService(world.api, recordingWindow().window);
    const otherRenewal = new RenewalScheduler({ store: other.store, renew: async () => undefined, describe: () => '', log, clock: Date.now });
    let file = '';
    const otherManager = new BridgeManager({
      fetch: (t, m, i, signal) => other.service.fetch(t, m, i, signal),
      store: other.store,
      renewal: otherRenewal,
      loadAws: async () => world.api,
      log,
      allowInsecureTls: () => false,
      createBridge,
      extraCaFile: () => file,
      delay: async () => undefined,
    });
    cleanups.push(async () => {
      otherRenewal.dispose();
      await otherManager.dispose();
      other.guard.dispose();
    });
    const c = await otherManager.connect(target, method, input);
    bridgeTokens.push(c.bridge.token);
    const reached = sim.livyRequests.length;
    const res = await fetch(`${c.bridge.url}sessions`, { headers: { authorization: `token ${c.bridge.token}` }, signal: AbortSignal.timeout(STEP_MS) });
    assert.equal(res.status, 502);
    const body = (await res.json()) as { message: string };
    assert.match(body.message, /TLS certificate is not trusted/);
    assert.match(body.message, /UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
    assert.match(body.message, /NODE_EXTRA_CA_CERTS/);
    assert.equal(sim.livyRequests.length, reached);
    assert.ok(lines.some((l) => l.startsWith('error') && l.includes('TLS certificate is not trusted')));
    await otherManager.disconnect(c.key);
    other.store.forget(c.key);

    file = join(sim.dir, 'missing.pem');
    await assert.rejects(otherManager.connect(target, method, input), /NODE_EXTRA_CA_CERTS names .*missing\.pem, which cannot be read \(ENOENT\)/);
    other.store.forget(otherManager.keyFor(target, method, input));
    file = join(sim.dir, 'not-a-cert.pem');
    await writeFile(file, 'hello\n');
    await assert.rejects(otherManager.connect(target, method, input), /holds no PEM certificate/);
  });

  test('forgetting the session stops the Livy bridge and its renewal', async () => {
    const { c } = await connect();
    const port = new URL(c.bridge.url).port;
    services.store.forget(c.key);
    assert.equal(manager.get(c.key), undefined);
    assert.equal(renewal.isTracked(c.key), false);
    await sleep(100);
    await assert.rejects(fetch(`http://127.0.0.1:${port}/sessions`, { signal: AbortSignal.timeout(STEP_MS) }), 'the bridge no longer listens');
  });
});
