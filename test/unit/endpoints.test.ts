// configuredEndpoint: the documented precedence of the SDK's configured endpoints, applied per profile.
// https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configuredEndpoint, type ConfigSections } from '../../src/aws/endpoints';

const SEP = '.'; // CONFIG_PREFIX_SEPARATOR of @smithy/shared-ini-file-loader

const config: ConfigSections = {
  dev: { region: 'us-east-1', endpoint_url: 'http://profile.example', services: 'local' },
  plain: { endpoint_url: 'http://plain.example' },
  bare: { region: 'us-east-1' },
  ignoring: { endpoint_url: 'http://ignored.example', ignore_configured_endpoint_urls: 'TRUE' },
  dangling: { services: 'absent' },
  [`services${SEP}local`]: { [`sts${SEP}endpoint_url`]: 'http://sts.local', [`emr_containers${SEP}endpoint_url`]: 'http://eks.local' },
};

test('precedence: service-specific environment > global environment > services section > profile endpoint_url', () => {
  const env = { AWS_ENDPOINT_URL_STS: 'http://env-sts', AWS_ENDPOINT_URL: 'http://env-all' };
  assert.equal(configuredEndpoint('STS', 'dev', config, env), 'http://env-sts');
  assert.equal(configuredEndpoint('EMR', 'dev', config, env), 'http://env-all');
  assert.equal(configuredEndpoint('STS', 'dev', config, {}), 'http://sts.local');
  assert.equal(configuredEndpoint('EMR', 'dev', config, {}), 'http://profile.example', 'no services entry for EMR: the profile endpoint_url');
  assert.equal(configuredEndpoint('STS', 'plain', config, {}), 'http://plain.example');
  assert.equal(configuredEndpoint('STS', 'bare', config, {}), undefined);
});

test('service ids with spaces: AWS_ENDPOINT_URL_EMR_CONTAINERS and emr_containers.endpoint_url', () => {
  assert.equal(configuredEndpoint('EMR containers', 'dev', config, {}), 'http://eks.local');
  assert.equal(configuredEndpoint('EMR containers', 'dev', config, { AWS_ENDPOINT_URL_EMR_CONTAINERS: 'http://env-eks' }), 'http://env-eks');
  assert.equal(configuredEndpoint('Redshift Serverless', 'bare', config, { AWS_ENDPOINT_URL_REDSHIFT_SERVERLESS: 'http://env-rs' }), 'http://env-rs');
});

test('the profile matters: another profile\'s endpoint_url is never used; no profile means the environment only', () => {
  assert.equal(configuredEndpoint('STS', 'bare', config, {}), undefined);
  assert.equal(configuredEndpoint('STS', 'missing', config, {}), undefined);
  assert.equal(configuredEndpoint('STS', undefined, config, {}), undefined);
  assert.equal(configuredEndpoint('STS', undefined, config, { AWS_ENDPOINT_URL: 'http://env-all' }), 'http://env-all');
});

test('ignore_configured_endpoint_urls (profile) and AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (environment) switch all of it off', () => {
  assert.equal(configuredEndpoint('STS', 'ignoring', config, { AWS_ENDPOINT_URL: 'http://env-all' }), undefined);
  assert.equal(configuredEndpoint('STS', 'dev', config, { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL_STS: 'http://env-sts' }), undefined);
  assert.equal(configuredEndpoint('STS', 'dev', config, { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false' }), 'http://sts.local');
});

test('empty values do not count; a services name without its section falls back to the profile endpoint_url', () => {
  assert.equal(configuredEndpoint('STS', 'plain', config, { AWS_ENDPOINT_URL_STS: '', AWS_ENDPOINT_URL: '' }), 'http://plain.example');
  assert.equal(configuredEndpoint('STS', 'dangling', config, {}), undefined);
});
