// Which IAM Identity Center sign-ins discovery finds in an AWS config (as @smithy/shared-ini-file-loader parses it):
// every [sso-session] with its anchor profile, and legacy profiles with their own sso_start_url, one per start URL.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ssoSources } from '../../src/services/identityCenter';

const configFile = {
  default: { region: 'eu-west-1' },
  'sso-session.corp': { sso_start_url: 'https://corp.awsapps.com/start', sso_region: 'us-east-1' },
  'sso-session.lonely': { sso_start_url: 'https://lonely.awsapps.com/start', sso_region: 'eu-central-1' },
  'sso-session.broken': { sso_start_url: 'https://broken.awsapps.com/start' },
  'corp-dev': { sso_session: 'corp', sso_account_id: '111111111111', sso_role_name: 'Dev', region: 'eu-west-1' },
  'corp-prod': { sso_session: 'corp', sso_account_id: '222222222222', sso_role_name: 'Dev' },
  'old-a': { sso_start_url: 'https://old.awsapps.com/start', sso_region: 'us-west-2', sso_account_id: '333333333333', sso_role_name: 'R' },
  'old-b': { sso_start_url: 'https://old.awsapps.com/start', sso_region: 'us-west-2', sso_account_id: '444444444444', sso_role_name: 'R', region: 'ap-south-1' },
  keys: { aws_access_key_id: 'AKIA' },
};

test('sessions first, each anchored to the first profile that names it; legacy profiles once per start URL, off by default', () => {
  const sources = ssoSources({ configFile, credentialsFile: {} });
  assert.deepEqual(
    sources.map((s) => [s.id, s.kind, s.anchorProfile, s.region, s.onByDefault, s.signInArgs.join(' ')]),
    [
      ['corp', 'session', 'corp-dev', 'eu-west-1', true, 'sso login --sso-session corp'],
      ['lonely', 'session', undefined, 'eu-central-1', true, 'sso login --sso-session lonely'],
      ['profile/old-a', 'legacy', 'old-a', 'us-west-2', false, 'sso login --profile old-a'],
    ],
  );
  assert.ok(!sources.some((s) => s.id === 'broken'), 'a session without sso_region is not usable');
});
