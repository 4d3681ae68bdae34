// Service modules without a network: state mapping, the registry's invariants, tagged unions, the client
// cache, and explanations built from error objects shaped like the SDK's.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cachedClient } from '../../src/services/clients';
import { checkBeforeSend, unionMember } from '../../src/services/common';
import { emrSessionCredentials, emrStateCategory } from '../../src/services/emr';
import { IncompleteResponseError, InvalidInputError, UnsupportedCredentialError } from '../../src/services/errors';
import { emrContainersSessionToken, endpointCategory, virtualClusterCategory } from '../../src/services/emrContainers';
import { accessDeniedActions, redshiftClusterCredentials, redshiftStateCategory } from '../../src/services/redshift';
import { redshiftServerlessCredentials, workgroupCategory } from '../../src/services/redshiftServerless';
import { services } from '../../src/services/registry';
import type { ClientConfig, Target } from '../../src/services/types';

function target(over: Partial<Target> = {}): Target {
  return { kind: 'k', location: { profile: 'dev', region: 'eu-west-1' }, id: 'c1', name: 'c1', state: 's', stateCategory: 'active', details: {}, ...over };
}

function sdkError(name: string, fields: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(String(fields.Message ?? fields.message ?? name)), { name, $metadata: { httpStatusCode: 400 }, ...fields });
}

describe('state categories', () => {
  test('EMR', () => {
    assert.deepEqual(
      ['STARTING', 'BOOTSTRAPPING', 'RUNNING', 'WAITING', 'TERMINATING', 'TERMINATED', 'TERMINATED_WITH_ERRORS', undefined].map(emrStateCategory),
      ['starting', 'starting', 'active', 'active', 'stopping', 'inactive', 'failed', 'inactive'],
    );
  });
  test('EMR on EKS', () => {
    assert.deepEqual(['RUNNING', 'PENDING', 'TERMINATING', 'TERMINATED', 'ARRESTED'].map(virtualClusterCategory), ['active', 'starting', 'stopping', 'inactive', 'failed']);
    assert.deepEqual(['ACTIVE', 'CREATING', 'TERMINATING', 'TERMINATED', 'TERMINATED_WITH_ERRORS'].map(endpointCategory), ['active', 'starting', 'stopping', 'inactive', 'failed']);
  });
  test('Redshift', () => {
    const cases: Record<string, string> = {
      available: 'active',
      'available, prep-for-resize': 'active',
      'available, resize-cleanup': 'active',
      paused: 'inactive',
      creating: 'starting',
      modifying: 'starting',
      resuming: 'starting',
      rebooting: 'starting',
      resizing: 'starting',
      deleting: 'stopping',
      'final-snapshot': 'stopping',
      'hardware-failure': 'failed',
      'storage-full': 'failed',
      'incompatible-network': 'failed',
    };
    for (const [status, category] of Object.entries(cases)) assert.equal(redshiftStateCategory(status), category, status);
  });
  test('Redshift Serverless', () => {
    assert.deepEqual(['AVAILABLE', 'CREATING', 'MODIFYING', 'DELETING'].map(workgroupCategory), ['active', 'starting', 'starting', 'stopping']);
  });
});

describe('registry', () => {
  const methods = services.flatMap((s) => s.methods);
  const sources = services.flatMap((s) => s.sources);

  test('unique module, source, method and format ids', () => {
    const unique = (ids: string[]) => assert.equal(new Set(ids).size, ids.length, ids.join(','));
    unique(services.map((s) => s.id));
    unique(sources.map((s) => s.id));
    unique(methods.map((m) => m.id));
    for (const m of methods) unique(m.formats.map((f) => f.id));
    for (const m of methods) unique(m.parameters.map((p) => p.key));
    assert.deepEqual(methods.map((m) => m.id), ['emr.sessionCredentials', 'emrContainers.sessionToken', 'redshift.clusterCredentials', 'redshift.clusterCredentialsWithIam', 'redshiftServerless.credentials']);
    assert.deepEqual(sources.map((s) => s.label), ['EMR clusters', 'EMR on EKS', 'Redshift', 'Redshift Serverless']);
  });

  test('every method has IAM actions, an operation, formats, and an error explanation', () => {
    for (const m of methods) {
      assert.ok(m.iamActions.length > 0, m.id);
      assert.ok(m.operation, m.id);
      assert.ok(m.formats.length >= 3, m.id);
      assert.equal(typeof m.explainError, 'function', m.id);
      for (const p of m.parameters) {
        assert.ok(p.prompt.length > 10, `${m.id}.${p.key} has a prompt`);
        // Declared defaults must pass their own validation.
        const d = p.defaultValue?.(target({ details: { dbName: 'dev', executionRoleArn: 'arn:aws:iam::123456789012:role/r' } }));
        if (d !== undefined) assert.equal(p.validate(d), undefined, `${m.id}.${p.key} default ${String(d)}`);
        if (p.required) assert.ok(p.validate(undefined), `${m.id}.${p.key} is required`);
      }
    }
  });

  test('only parameters that are never secrets are remembered', () => {
    const remembered = methods.flatMap((m) => m.parameters.filter((p) => p.remember).map((p) => `${m.id}.${p.key}`));
    assert.deepEqual(remembered, ['emr.sessionCredentials.executionRoleArn', 'emrContainers.sessionToken.executionRoleArn', 'emrContainers.sessionToken.logContext', 'redshift.clusterCredentials.DbUser', 'redshift.clusterCredentials.DbGroups']);
  });

  test('every target kind a method serves is listed by some source', () => {
    // Kinds the sources produce, read from the modules' constants via a listing-free check of method kinds.
    const kinds = new Set(['emr:cluster', 'emr-containers:endpoint', 'redshift:cluster', 'redshift-serverless:workgroup']);
    for (const m of methods) assert.ok(kinds.has(m.targetKind), m.targetKind);
  });

  test('no value import of vscode in service or validation modules', () => {
    for (const dir of ['src/services', 'src/validation']) {
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
        const text = readFileSync(join(dir, file), 'utf8');
        assert.doesNotMatch(text, /^import\s+(?!type\b)[^;]*from\s+'vscode'/m, file);
      }
    }
  });
});

describe('tagged unions', () => {
  test('the member, $unknown, another member, or nothing', () => {
    assert.deepEqual(unionMember({ UsernamePassword: { Username: 'u' } }, 'UsernamePassword', 'Op', 'Credentials'), { Username: 'u' });
    assert.throws(() => unionMember({ $unknown: ['Certificate', { x: 1 }] }, 'UsernamePassword', 'Op', 'Credentials'), (e: unknown) => {
      assert.ok(e instanceof UnsupportedCredentialError);
      assert.equal(e.member, 'Certificate');
      assert.match(e.message, /^Op returned a credential type \("Certificate"\) that this version of Cluster Pass does not support\./);
      return true;
    });
    assert.throws(() => unionMember({ other: 1 }, 'token', 'Op', 'credentials'), UnsupportedCredentialError);
    assert.throws(() => unionMember(undefined, 'token', 'Op', 'credentials'), IncompleteResponseError);
    assert.throws(() => unionMember({}, 'token', 'Op', 'credentials'), (e: unknown) => e instanceof IncompleteResponseError && e.missing === 'credentials.token');
  });
});

describe('client cache', () => {
  test('one client per key and config object', () => {
    const a: ClientConfig = { region: 'us-east-1' };
    const b: ClientConfig = { region: 'us-east-1' };
    let made = 0;
    const plugins: unknown[] = [];
    const make = () => ({ n: ++made, middlewareStack: { use: (p: unknown) => plugins.push(p) } });
    const emr = { id: 'EMR', name: 'Amazon EMR' };
    const first = cachedClient(emr, a, make);
    assert.equal(cachedClient(emr, a, make), first);
    assert.notEqual(cachedClient({ id: 'Redshift', name: 'Amazon Redshift' }, a, make), first);
    assert.notEqual(cachedClient(emr, b, make), first);
    assert.equal(made, 3);
    // Each new client gets the check that tells answers not from AWS apart.
    assert.equal(plugins.length, 3);
  });
});

describe('checks before sending', () => {
  test('the first invalid parameter is reported by its label; the target first', () => {
    assert.throws(() => checkBeforeSend(redshiftClusterCredentials, target(), { DbUser: 'public' }), (e: unknown) => {
      assert.ok(e instanceof InvalidInputError);
      assert.equal(e.field, 'Database user');
      assert.equal(e.message, 'Database user: "public" is a reserved word in Redshift; choose another name.');
      return true;
    });
    assert.throws(() => checkBeforeSend(redshiftServerlessCredentials, target({ id: 'x', name: 'x' }), {}), /^InvalidInputError|x: Workgroup name: Must be 3–64 characters \(it is 1\)\.$/);
    assert.doesNotThrow(() => checkBeforeSend(redshiftClusterCredentials, target(), { DbUser: 'analyst' }));
  });
});

describe('explanations', () => {
  test('Redshift access denied names the actions that apply to what was sent', () => {
    const t = target({ id: 'dw' });
    assert.equal(accessDeniedActions(t, { DbUser: 'ann' }), 'redshift:GetClusterCredentials on dbuser:dw/ann');
    assert.equal(
      accessDeniedActions(t, { DbUser: 'ann', DbName: 'sales', DbGroups: ['g1', 'g2'], AutoCreate: true }),
      'redshift:GetClusterCredentials on dbuser:dw/ann and dbname:dw/sales; redshift:JoinGroup on dbgroup:dw/g1, dbgroup:dw/g2; redshift:CreateClusterUser on dbuser:dw/ann',
    );
    const denied = Object.assign(sdkError('AccessDenied'), { $metadata: { httpStatusCode: 403 } });
    assert.equal(
      redshiftClusterCredentials.explainError?.(denied, t, { DbUser: 'ann', DbGroups: 'g1' }),
      'access denied for profile "dev". It needs redshift:GetClusterCredentials on dbuser:dw/ann; redshift:JoinGroup on dbgroup:dw/g1. Ask your administrator to allow it, or choose another profile.',
    );
    assert.equal(redshiftClusterCredentials.explainError?.(denied, t), undefined, 'without the input: the generic message');
  });

  test('EMR InvalidRequestException without a message still says what to do', () => {
    assert.equal(
      emrSessionCredentials.explainError?.(sdkError('InvalidRequestException', { ErrorCode: 'X1', Message: '' }), target({ id: 'j-1' })),
      'EMR rejected the request (X1). Check that cluster j-1 is running with runtime roles enabled and that the execution role ARN is right and trusts the cluster, then try again.',
    );
  });

  test("AWS's message is kept on one line and bounded", () => {
    const long = `bad\nvalue ${'x'.repeat(400)}`;
    const out = emrContainersSessionToken.explainError?.(sdkError('ValidationException', { message: long }), target()) ?? '';
    assert.ok(!out.includes('\n'));
    assert.ok(out.includes('AWS says: bad value xxx'));
    assert.ok(out.length < 450);
  });

  test('errors that are not the module\'s own are left to the generic code', () => {
    for (const m of services.flatMap((s) => s.methods)) {
      assert.equal(m.explainError?.(sdkError('ThrottlingException'), target()), undefined, m.id);
      assert.equal(m.explainError?.(new TypeError('boom'), target()), undefined, m.id);
      assert.equal(m.explainError?.(undefined, target()), undefined, m.id);
    }
  });
});
