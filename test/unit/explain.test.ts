import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explainError } from '../../src/aws/explain';
import { discoveredProfileName } from '../../src/aws/discovered';
import { InvalidInputError, NotAwsAnswerError, UnsupportedCredentialError } from '../../src/services/errors';

const ctx = { doing: 'Getting credentials for analytics', profile: 'demo', iamActions: ['elasticmapreduce:GetClusterSessionCredentials'] };

function awsError(name: string, status: number, fault: 'client' | 'server' = 'client', message = 'm') {
  return Object.assign(new Error(message), { name, $fault: fault, $metadata: { httpStatusCode: status } });
}

test('access denied names the IAM action that is missing', () => {
  const e = explainError(awsError('AccessDeniedException', 403), ctx);
  assert.match(e.message, /access denied for profile "demo"/);
  assert.match(e.message, /elasticmapreduce:GetClusterSessionCredentials/);
  assert.equal(e.next, 'none');
});

test('expired tokens and SSO sessions lead to signing in again', () => {
  assert.equal(explainError(awsError('ExpiredTokenException', 400), ctx).next, 'signIn');
  const sso = Object.assign(new Error('The SSO session associated with this profile has expired or is otherwise invalid.'), { name: 'CredentialsProviderError' });
  const e = explainError(sso, ctx);
  assert.equal(e.next, 'signIn');
  assert.match(e.message, /aws sso login --profile demo/);
});

test('an expired sign-in of a discovered Identity Center role names the sign-in the AWS CLI knows, not the role\'s name', () => {
  const sso = Object.assign(new Error('The SSO session associated with this profile has expired or is otherwise invalid.'), { name: 'CredentialsProviderError' });
  const fromSession = discoveredProfileName({ sourceId: 'corp', accountId: '111122223333', roleName: 'DataEngineer' });
  const e = explainError(sso, { ...ctx, profile: fromSession });
  assert.equal(e.next, 'signIn');
  assert.match(e.message, /for SSO: aws sso login --sso-session corp\)/);
  assert.doesNotMatch(e.message, /--profile sso:/);
  const fromLegacy = discoveredProfileName({ sourceId: 'profile/old-portal', accountId: '111122223333', roleName: 'Reader' });
  assert.match(explainError(sso, { ...ctx, profile: fromLegacy }).message, /for SSO: aws sso login --profile old-portal\)/);
});

test('wrong keys are named as such', () => {
  const e = explainError(awsError('InvalidSignatureException', 403), ctx);
  assert.equal(e.next, 'signIn');
  assert.match(e.message, /did not accept the credentials of profile "demo"/);
});

test('missing credentials point at configuring the profile', () => {
  const e = explainError(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }), ctx);
  assert.equal(e.next, 'configure');
  assert.match(e.message, /aws configure --profile demo/);
});

test('throttling after retries, server errors and network failures are retryable', () => {
  assert.equal(explainError(awsError('ThrottlingException', 400), ctx).next, 'retry');
  const server = explainError(awsError('InternalFailure', 500, 'server'), ctx);
  assert.equal(server.next, 'retry');
  assert.match(server.message, /on AWS's side/);
  const net = explainError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), ctx);
  assert.equal(net.next, 'retry');
  assert.match(net.message, /could not reach AWS \(ECONNREFUSED\)/);
});

test('cancellation is reported as cancelled, not as an error', () => {
  const e = explainError(Object.assign(new Error('aborted'), { name: 'AbortError' }), ctx);
  assert.equal(e.cancelled, true);
});

test("the service module's own explanation comes first", () => {
  const e = explainError(awsError('ClusterNotFoundFault', 404), { ...ctx, specific: (err) => ((err as Error).name === 'ClusterNotFoundFault' ? 'the cluster is gone; refresh.' : undefined) });
  assert.equal(e.message, 'Getting credentials for analytics: the cluster is gone; refresh.');
  assert.equal(e.next, 'refresh');
});

test('unsupported credential types and invalid input keep their own message', () => {
  const u = explainError(new UnsupportedCredentialError('futureCredential', 'GetX'), ctx);
  assert.match(u.message, /"futureCredential".*does not support/);
  const i = explainError(new InvalidInputError('Duration', 'Must be from 900 to 3600.'), ctx);
  assert.equal(i.message, 'Getting credentials for analytics: Duration: Must be from 900 to 3600.');
});

test('unreadable responses are explained without a stack', () => {
  const e = explainError(Object.assign(new SyntaxError('Unexpected token < in JSON at position 0'), {}), ctx);
  assert.match(e.message, /could not be read/);
});

test('a refused MFA code says so and offers a retry', () => {
  const e = explainError(awsError('AccessDenied', 403, 'client', 'MultiFactorAuthentication failed with invalid MFA one time pass code.'), ctx);
  assert.equal(e.next, 'retry');
  assert.match(e.message, /did not accept the MFA code for profile "demo"/);
});

test('access denied naming an action and resource is passed on; a refused AssumeRole is a configuration problem', () => {
  const other = explainError(awsError('AccessDenied', 403, 'client', 'User: arn:aws:iam::1:user/x is not authorized to perform: redshift:JoinGroup on resource: arn:aws:redshift:us-east-1:1:dbgroup:dw/g1'), ctx);
  assert.match(other.message, /redshift:JoinGroup on arn:aws:redshift:us-east-1:1:dbgroup:dw\/g1/);
  assert.equal(other.next, 'none');
  const assume = explainError(awsError('AccessDenied', 403, 'client', 'User: x is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::1:role/r'), ctx);
  assert.equal(assume.next, 'configure');
});

test('an answer not from AWS names the endpoint and the profile, with no IAM hint and no AWS-side fault', () => {
  const e = explainError(new NotAwsAnswerError('Amazon EMR on EKS', 'http://127.0.0.1:4566', 404, 'an HTML page'), ctx);
  assert.equal(
    e.message,
    'Getting credentials for analytics: the endpoint at http://127.0.0.1:4566 did not answer as Amazon EMR on EKS would (HTTP 404, an HTML page), so the answer was not from AWS: check endpoint_url in profile "demo", or a proxy.',
  );
  assert.equal(e.next, 'configure');
  // Thrown in the AWS bundle, explained in another: recognised by its name too.
  const copy = Object.assign(new Error('x'), { name: 'NotAwsAnswerError', service: 'Amazon Redshift', url: 'https://proxy.example', status: 500, what: 'an HTML page' });
  assert.match(explainError(copy, ctx).message, /^Getting credentials for analytics: the endpoint at https:\/\/proxy\.example did not answer as Amazon Redshift would \(HTTP 500, an HTML page\)/);
});

test('a JavaScript error name never reaches the message', () => {
  for (const error of [new TypeError('Cannot read properties of undefined'), new RangeError('Invalid time value')]) {
    const e = explainError(error, ctx);
    assert.doesNotMatch(e.message, /TypeError|RangeError/);
    assert.match(e.message, /^Getting credentials for analytics: /);
  }
});
