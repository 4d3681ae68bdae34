// profilesIn: which profiles the shared files hold and how each gets credentials (parsed config objects, no files).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { profilesIn, type SharedConfig } from '../../src/aws/profiles';

const SEP = '.'; // @smithy/shared-ini-file-loader's CONFIG_PREFIX_SEPARATOR in parsed section names

function shared(configFile: SharedConfig['configFile'], credentialsFile: SharedConfig['credentialsFile'] = {}): SharedConfig {
  return { configFile, credentialsFile };
}

test('each kind of profile is classified by the settings that decide how the SDK gets its credentials', () => {
  const profiles = profilesIn(
    shared(
      {
        sso: { sso_session: 'corp', sso_account_id: '123456789012', sso_role_name: 'Analyst', region: 'eu-west-1' },
        'sso-legacy': { sso_start_url: 'https://x.awsapps.com/start', sso_region: 'us-east-1' },
        role: { role_arn: 'arn:aws:iam::123456789012:role/R', source_profile: 'keys' },
        'role-mfa': { role_arn: 'arn:aws:iam::123456789012:role/R', source_profile: 'keys', mfa_serial: 'arn:aws:iam::123456789012:mfa/me' },
        proc: { credential_process: 'vault-aws --profile x' },
        'region-only': { region: 'us-west-2' },
        [`sso-session${SEP}corp`]: { sso_start_url: 'https://x.awsapps.com/start', sso_region: 'us-east-1' },
        [`services${SEP}local`]: { [`sts${SEP}endpoint_url`]: 'http://localhost:4566' },
      },
      {
        keys: { aws_access_key_id: 'AKIAEXAMPLE', aws_secret_access_key: 'x' },
        'role-in-credentials': { role_arn: 'arn:aws:iam::123456789012:role/R', source_profile: 'keys' },
        'proc-in-credentials': { credential_process: 'x' },
      },
    ),
    {},
  );
  assert.deepEqual(
    profiles.map((p) => [p.name, p.source, p.region]),
    [
      ['keys', 'static', undefined],
      ['proc', 'process', undefined],
      ['proc-in-credentials', 'process', undefined],
      ['region-only', 'other', 'us-west-2'],
      ['role', 'assume-role', undefined],
      ['role-in-credentials', 'assume-role', undefined],
      ['role-mfa', 'assume-role', undefined],
      ['sso', 'sso', 'eu-west-1'],
      ['sso-legacy', 'sso', undefined],
    ],
    'sso-session and services sections are not profiles; names sorted',
  );
});

test('precedence when a profile has several settings: SSO, then role, then process, then keys', () => {
  const [p] = profilesIn(shared({ x: { sso_session: 's', role_arn: 'r', credential_process: 'c', aws_access_key_id: 'a' } }), {});
  assert.equal(p.source, 'sso');
  const [q] = profilesIn(shared({ x: { role_arn: 'r', credential_process: 'c' } }, { x: { aws_access_key_id: 'a' } }), {});
  assert.equal(q.source, 'assume-role');
  const [r] = profilesIn(shared({ x: { credential_process: 'c' } }, { x: { aws_access_key_id: 'a' } }), {});
  assert.equal(r.source, 'process');
});

test('a profile in both files is listed once; its region comes from the config file, else the credentials file', () => {
  const profiles = profilesIn(shared({ both: { region: 'eu-west-1' } }, { both: { aws_access_key_id: 'a', region: 'us-east-1' }, other: { aws_access_key_id: 'b', region: 'ap-south-1' } }), {});
  assert.deepEqual(profiles, [
    { name: 'both', region: 'eu-west-1', source: 'static' },
    { name: 'other', region: 'ap-south-1', source: 'static' },
  ]);
});

test('default comes first, the rest in alphabetical order', () => {
  const names = profilesIn(shared({ zeta: {}, alpha: {}, default: {} }, { beta: {} }), {}).map((p) => p.name);
  assert.deepEqual(names, ['default', 'alpha', 'beta', 'zeta']);
});

test('no profile in the files: a "default" profile from environment keys, with AWS_REGION or AWS_DEFAULT_REGION', () => {
  const env = { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' };
  assert.deepEqual(profilesIn(shared({}), { ...env, AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-east-1' }), [{ name: 'default', region: 'eu-west-1', source: 'environment' }]);
  assert.deepEqual(profilesIn(shared({}), { ...env, AWS_DEFAULT_REGION: 'us-east-1' }), [{ name: 'default', region: 'us-east-1', source: 'environment' }]);
  assert.deepEqual(profilesIn(shared({}), { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE' }), [], 'a key id without its secret is no credential');
  assert.deepEqual(profilesIn(shared({}, { keys: { aws_access_key_id: 'a' } }), env).map((p) => p.name), ['keys'], 'profiles in the files win over the environment');
});
