// Every generic rule and every seed constraint, on both sides of each boundary. Expected messages are
// written out by hand.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { all, boolean, charLength, check, eachOf, integerRange, length, notBlank, notReserved, oneOf, optional, pattern, required, toInteger, toList } from '../../src/validation/rules';
import { ROLE_ARN_PATTERN, requiredRoleArn, roleArnRules } from '../../src/services/common';
import { CREDENTIAL_TYPE, credentialTypeRule, durationRule as eksDuration, emrContainersSessionToken, identifierRule, logContextRule, LOG_CONTEXT_PATTERN } from '../../src/services/emrContainers';
import { emrSessionCredentials } from '../../src/services/emr';
import { dbGroupNameRule, dbGroupsRule, dbNameRule, dbUserRule, durationRule as redshiftDuration, optionalDbName, optionalIamDbName, REDSHIFT_RESERVED_WORDS } from '../../src/services/redshiftNames';
import { redshiftClusterCredentials, validateClusterTarget } from '../../src/services/redshift';
import { redshiftServerlessCredentials, workgroupNameRule } from '../../src/services/redshiftServerless';
import type { Target } from '../../src/services/types';

const EMPTY = 'Must not be empty or only spaces.';
const ARN_LOOK = 'Must look like arn:aws:iam::123456789012:role/NAME (an IAM role ARN; the role name may use letters, digits and + = , . @ _ -).';

/** A valid role ARN of exactly n characters (n >= 30). */
function roleArnOfLength(n: number): string {
  const head = 'arn:aws:iam::123456789012:role/';
  return head + 'r'.repeat(n - head.length);
}

function target(over: Partial<Target> = {}): Target {
  return { kind: 'x:y', location: { profile: 'p', region: 'us-east-1' }, id: 'id', name: 'n', state: 's', stateCategory: 'active', details: {}, ...over };
}

describe('generic rules', () => {
  test('charLength counts code points, not UTF-16 units', () => {
    assert.equal(charLength('abc'), 3);
    assert.equal(charLength('😀'), 1);
    assert.equal(charLength('é'), 1);
    assert.equal(charLength(''), 0);
  });

  test('length: both sides of both bounds, and the count in the message', () => {
    const r = length(3, 5);
    assert.equal(r('ab'), 'Must be 3–5 characters (it is 2).');
    assert.equal(r('abc'), undefined);
    assert.equal(r('abcde'), undefined);
    assert.equal(r('abcdef'), 'Must be 3–5 characters (it is 6).');
    assert.equal(r('😀😀😀'), undefined, 'three emoji are three characters');
    assert.equal(length(2, 2)('a'), 'Must be exactly 2 characters (it is 1).');
    assert.equal(r(true), 'Must be text of 3–5 characters.');
    assert.equal(r(undefined), 'Must be text of 3–5 characters.');
  });

  test('pattern: whole match with the human description; refuses stateful regexes', () => {
    const r = pattern(/^[a-z]+$/, 'Lowercase letters only.');
    assert.equal(r('abc'), undefined);
    assert.equal(r('abC'), 'Lowercase letters only.');
    assert.equal(r(['abc']), 'Lowercase letters only.');
    assert.throws(() => pattern(/a/g, 'x'));
    assert.throws(() => pattern(/a/y, 'x'));
  });

  test('check and notBlank', () => {
    assert.equal(check((t) => t.length > 1, 'Too short.')('a'), 'Too short.');
    assert.equal(check((t) => t.length > 1, 'Too short.')('ab'), undefined);
    assert.equal(notBlank(' x '), undefined);
    assert.equal(notBlank('   '), EMPTY);
    assert.equal(notBlank('\t\n'), EMPTY);
    assert.equal(notBlank(''), EMPTY);
    assert.equal(notBlank('\u00a0x'), undefined);
  });

  test('required and optional treat undefined, empty, spaces and [] as empty', () => {
    const req = required(length(2, 4));
    for (const v of [undefined, '', '   ', '\t', []]) assert.equal(req(v), EMPTY, JSON.stringify(v));
    assert.equal(req('a'), 'Must be 2–4 characters (it is 1).');
    assert.equal(req('ab'), undefined);
    const opt = optional(length(2, 4));
    for (const v of [undefined, '', '   ', []]) assert.equal(opt(v), undefined, JSON.stringify(v));
    assert.equal(opt('a'), 'Must be 2–4 characters (it is 1).');
  });

  test('all: the first failing rule speaks', () => {
    const r = all(length(1, 3), pattern(/^\d+$/, 'Digits only.'));
    assert.equal(r('abcd'), 'Must be 1–3 characters (it is 4).');
    assert.equal(r('ab'), 'Digits only.');
    assert.equal(r('12'), undefined);
  });

  test('integerRange: numbers and typed digits; refuses fractions, exponents, words', () => {
    const r = integerRange(900, 3600, 'seconds');
    const range = 'Must be a whole number of seconds from 900 to 3600';
    assert.equal(r(899), `${range} (it is 899).`);
    assert.equal(r(900), undefined);
    assert.equal(r(3600), undefined);
    assert.equal(r(3601), `${range} (it is 3601).`);
    assert.equal(r('900'), undefined);
    assert.equal(r(' 1200 '), undefined);
    assert.equal(r('899'), `${range} (it is 899).`);
    for (const bad of ['900.5', '1e3', '', ' ', 'abc', '+900', '0x384', '９００', '9 00', 900.5, Number.NaN, Infinity, true, ['900']]) {
      assert.equal(r(bad as never), `${range}.`, `${String(bad)}`);
    }
    assert.equal(r('-5'), `${range} (it is -5).`);
    assert.equal(integerRange(1, 2)('x'), 'Must be a whole number from 1 to 2.');
  });

  test('toInteger', () => {
    assert.equal(toInteger('42'), 42);
    assert.equal(toInteger(42), 42);
    assert.equal(toInteger('4.2'), undefined);
    assert.equal(toInteger('1234567890123456'), undefined, 'more digits than a double holds exactly');
    assert.equal(toInteger(undefined), undefined);
  });

  test('oneOf and boolean', () => {
    assert.equal(oneOf(['TOKEN'])('TOKEN'), undefined);
    assert.equal(oneOf(['A', 'B'])('a'), 'Must be one of: A, B.');
    assert.equal(boolean(true), undefined);
    assert.equal(boolean(false), undefined);
    assert.equal(boolean(undefined), undefined);
    assert.equal(boolean('true'), 'Must be yes or no.');
  });

  test('notReserved compares case-insensitively', () => {
    const r = notReserved(new Set(['SELECT']));
    assert.equal(r('select'), '"select" is a reserved word; choose another name.');
    assert.equal(r('SeLeCt'), '"SeLeCt" is a reserved word; choose another name.');
    assert.equal(r('selects'), undefined);
  });

  test('eachOf: per-item message with position, max items, duplicates; lists as arrays or comma text', () => {
    const r = eachOf(pattern(/^[a-z]+$/, 'Lowercase letters only.'), { maxItems: 2, itemName: 'group' });
    assert.equal(r(['a', 'b']), undefined);
    assert.equal(r('a, b'), undefined);
    assert.equal(r('a, b,'), undefined, 'a trailing comma is not an item');
    assert.equal(r(['a', 'B']), 'Group 2 ("B"): Lowercase letters only.');
    assert.equal(r(['a', 'b', 'c']), 'At most 2 groups (there are 3).');
    assert.equal(r(['a', 'a']), 'Group 2 ("a") is listed twice; list each once.');
    assert.equal(r(true), 'Must be a list of groups separated by commas.');
    assert.equal(r([]), undefined);
    assert.deepEqual(toList(' a ,, b '), ['a', 'b']);
    assert.deepEqual(toList(undefined), []);
  });
});

describe('execution role ARN (seed 003 pattern, 20–2048 characters)', () => {
  test('length boundaries 19/20 and 2048/2049', () => {
    assert.equal(roleArnRules('arn:aws:iam::1:rolex'.slice(0, 19)), 'Must be 20–2048 characters (it is 19).');
    // 20 characters, valid: no account (the pattern makes it optional) and a 1-character name.
    const twenty = 'arn:aws:iam:::role/r';
    assert.equal(twenty.length, 20);
    assert.equal(roleArnRules(twenty), undefined);
    assert.equal(roleArnRules(roleArnOfLength(2048)), undefined);
    assert.equal(roleArnRules(roleArnOfLength(2049)), 'Must be 20–2048 characters (it is 2049).');
  });

  test('accepts partitions, paths and every allowed name character', () => {
    for (const ok of [
      'arn:aws:iam::123456789012:role/EMRRole',
      'arn:aws-cn:iam::123456789012:role/r',
      'arn:aws-us-gov:iam::123456789012:role/r',
      'arn:aws:iam::123456789012:role/service-role/team/Name',
      'arn:aws:iam::123456789012:role/a+b=c,d.e@f_g-h',
    ]) {
      assert.equal(roleArnRules(ok), undefined, ok);
      assert.ok(ROLE_ARN_PATTERN.test(ok));
    }
  });

  test('refuses with the likeliest reason first', () => {
    assert.equal(roleArnRules('aws:iam::123456789012:role/Name'), 'Must start with "arn:", as in arn:aws:iam::123456789012:role/NAME.');
    assert.equal(roleArnRules('arn:aws:s3:::bucket-name-here/x'), 'Must be an IAM ARN in an AWS partition: arn:aws:iam::123456789012:role/NAME.');
    assert.equal(roleArnRules('arn:gcp:iam::123456789012:role/r'), 'Must be an IAM ARN in an AWS partition: arn:aws:iam::123456789012:role/NAME.');
    assert.equal(roleArnRules('arn:aws:iam::123456789012:user/alice'), 'Must be a role ARN: after the account comes "role/", as in arn:aws:iam::123456789012:role/NAME.');
    assert.equal(roleArnRules('arn:aws:iam::12345:role/Name'), ARN_LOOK, 'account must be 12 digits');
    assert.equal(roleArnRules('arn:aws:iam::123456789012:role/'), ARN_LOOK, 'no role name');
    assert.equal(roleArnRules('arn:aws:iam::123456789012:role/na me'), ARN_LOOK, 'space in name');
    assert.equal(roleArnRules('arn:aws:iam::123456789012:role/nämé'), ARN_LOOK, 'non-ASCII name');
    assert.equal(roleArnRules('arn:aws:iam:us-east-1:123456789012:role/n'), 'Must be a role ARN: after the account comes "role/", as in arn:aws:iam::123456789012:role/NAME.');
    assert.equal(roleArnRules(' arn:aws:iam::123456789012:role/Name'), 'Must start with "arn:", as in arn:aws:iam::123456789012:role/NAME.');
    assert.equal(roleArnRules('arn:aws:iam::123456789012:role/Name\n'), ARN_LOOK);
  });

  test('required for EMR on EKS, optional for EMR', () => {
    assert.equal(requiredRoleArn(''), EMPTY);
    assert.equal(requiredRoleArn('   '), EMPTY);
    const eks = emrContainersSessionToken.parameters.find((p) => p.key === 'executionRoleArn');
    const emr = emrSessionCredentials.parameters.find((p) => p.key === 'executionRoleArn');
    assert.equal(eks?.required, true);
    assert.equal(eks?.validate(undefined), EMPTY);
    assert.equal(emr?.required, false);
    assert.equal(emr?.validate(undefined), undefined);
    assert.equal(emr?.validate(''), undefined);
    assert.equal(emr?.validate('arn:aws:iam:::role/'), 'Must be 20–2048 characters (it is 19).');
    assert.equal(emr?.validate('arn:aws:iam::1:role/x'), ARN_LOOK, '21 characters but a 1-digit account');
    assert.equal(emr?.validate('arn:aws:iam::123456789012:role/EMR'), undefined);
  });
});

describe('EMR on EKS: logContext (3–63, seed pattern)', () => {
  const LOOK = 'Lowercase letters, digits, "." and "-" only, starting and ending with a letter or digit; must not start with xn-- or contain -s3alias.';
  test('length boundaries 2/3 and 63/64', () => {
    assert.equal(logContextRule('ab'), 'Must be 3–63 characters (it is 2).');
    assert.equal(logContextRule('abc'), undefined);
    assert.equal(logContextRule('a'.repeat(63)), undefined);
    assert.equal(logContextRule('a'.repeat(64)), 'Must be 3–63 characters (it is 64).');
  });

  test('characters, ends, and each lookahead', () => {
    assert.equal(logContextRule('a.b-c9'), undefined);
    assert.equal(logContextRule('Abc'), 'Only lowercase letters, digits, "." and "-" are allowed.');
    assert.equal(logContextRule('a_b'), 'Only lowercase letters, digits, "." and "-" are allowed.');
    assert.equal(logContextRule('a b'), 'Only lowercase letters, digits, "." and "-" are allowed.');
    assert.equal(logContextRule('äbc'), 'Only lowercase letters, digits, "." and "-" are allowed.');
    assert.equal(logContextRule('-abc'), 'Must start and end with a lowercase letter or digit.');
    assert.equal(logContextRule('abc-'), 'Must start and end with a lowercase letter or digit.');
    assert.equal(logContextRule('.abc'), 'Must start and end with a lowercase letter or digit.');
    assert.equal(logContextRule('abc.'), 'Must start and end with a lowercase letter or digit.');
    // (?!xn--.*): only at the start
    assert.equal(logContextRule('xn--abc'), 'Must not start with "xn--".');
    assert.equal(logContextRule('xn-abc'), undefined);
    assert.equal(logContextRule('axn--bc'), undefined);
    // (?!.*-s3alias): anywhere, not only at the end
    assert.equal(logContextRule('logs-s3alias'), 'Must not contain "-s3alias".');
    assert.equal(logContextRule('my-s3alias-x'), 'Must not contain "-s3alias".');
    assert.equal(logContextRule('logs3alias'), undefined);
    assert.equal(logContextRule('logs.s3alias'), undefined);
  });

  test('the specific checks agree with the exact seed pattern', () => {
    const samples = ['abc', 'a.b-c9', 'Abc', 'a_b', '-abc', 'abc-', 'xn--abc', 'xn-abc', 'logs-s3alias', 'logs3alias', 'a..b', 'a--b', '1-2', 'a'.repeat(63)];
    for (const s of samples) assert.equal(logContextRule(s) === undefined, LOG_CONTEXT_PATTERN.test(s), s);
    assert.equal(pattern(LOG_CONTEXT_PATTERN, LOOK)('ABC'), LOOK);
  });

  test('optional in the method: empty is fine', () => {
    const p = emrContainersSessionToken.parameters.find((x) => x.key === 'logContext');
    assert.equal(p?.required, false);
    assert.equal(p?.validate(''), undefined);
    assert.equal(p?.validate(undefined), undefined);
    assert.equal(p?.validate('ab'), 'Must be 3–63 characters (it is 2).');
  });
});

describe('EMR on EKS: duration, credential type, identifiers', () => {
  const range = 'Must be a whole number of seconds from 1 to 43200';
  test('durationInSeconds 0/1 and 43200/43201; non-integers', () => {
    assert.equal(eksDuration(0), `${range} (it is 0).`);
    assert.equal(eksDuration(1), undefined);
    assert.equal(eksDuration(43200), undefined);
    assert.equal(eksDuration(43201), `${range} (it is 43201).`);
    assert.equal(eksDuration('43201'), `${range} (it is 43201).`);
    assert.equal(eksDuration('900.0'), `${range}.`);
    assert.equal(eksDuration(undefined), undefined, 'optional: AWS defaults to 15 minutes');
    const p = emrContainersSessionToken.parameters.find((x) => x.key === 'durationInSeconds');
    assert.equal(p?.defaultValue?.(target()), 900);
  });

  test('credentialType: the fixed TOKEN passes; 1–64 with a non-space', () => {
    assert.equal(CREDENTIAL_TYPE, 'TOKEN');
    assert.equal(credentialTypeRule(CREDENTIAL_TYPE), undefined);
    assert.equal(credentialTypeRule(''), EMPTY);
    assert.equal(credentialTypeRule('  '), EMPTY);
    assert.equal(credentialTypeRule('T'.repeat(64)), undefined);
    assert.equal(credentialTypeRule('T'.repeat(65)), 'Must be 1–64 characters (it is 65).');
  });

  test('endpoint and virtual cluster identifiers: 1–2048, .*\\S.*', () => {
    assert.equal(identifierRule('a'), undefined);
    assert.equal(identifierRule('a'.repeat(2048)), undefined);
    assert.equal(identifierRule('a'.repeat(2049)), 'Must be 1–2048 characters (it is 2049).');
    assert.equal(identifierRule(''), EMPTY);
    assert.equal(identifierRule(' \t'), EMPTY);
    const m = emrContainersSessionToken;
    assert.equal(m.validateTarget?.(target({ id: 'ep', parentId: 'vc' })), undefined);
    assert.equal(m.validateTarget?.(target({ id: 'ep', parentId: undefined })), `Virtual cluster identifier: ${EMPTY}`);
    assert.equal(m.validateTarget?.(target({ id: ' ', parentId: 'vc' })), `Endpoint identifier: ${EMPTY}`);
    assert.equal(m.validateTarget?.(target({ id: 'e'.repeat(2049), parentId: 'vc' })), 'Endpoint identifier: Must be 1–2048 characters (it is 2049).');
  });

  test('the endpoint role is offered as the default', () => {
    const p = emrContainersSessionToken.parameters.find((x) => x.key === 'executionRoleArn');
    assert.equal(p?.defaultValue?.(target({ details: { executionRoleArn: 'arn:aws:iam::123456789012:role/ep' } })), 'arn:aws:iam::123456789012:role/ep');
    assert.equal(p?.defaultValue?.(target()), undefined);
    assert.equal(p?.remember, true);
  });
});

describe('EMR: cluster id 1–256', () => {
  test('validateTarget', () => {
    assert.equal(emrSessionCredentials.validateTarget?.(target({ id: 'j-1ABC' })), undefined);
    assert.equal(emrSessionCredentials.validateTarget?.(target({ id: 'j'.repeat(256) })), undefined);
    assert.equal(emrSessionCredentials.validateTarget?.(target({ id: 'j'.repeat(257) })), 'Cluster id: Must be 1–256 characters (it is 257).');
    assert.equal(emrSessionCredentials.validateTarget?.(target({ id: '' })), `Cluster id: ${EMPTY}`);
  });
});

describe('Redshift: DbUser, DbName, DbGroups, DurationSeconds', () => {
  test('DbUser: 1/64/65 characters, first letter, allowed characters, no : or /', () => {
    assert.equal(dbUserRule('a'), undefined);
    assert.equal(dbUserRule('a'.repeat(64)), undefined);
    assert.equal(dbUserRule('a'.repeat(65)), 'Must be 1–64 characters (it is 65).');
    assert.equal(dbUserRule(''), EMPTY);
    assert.equal(dbUserRule('   '), EMPTY);
    assert.equal(dbUserRule('Alice_1+x.y@z-w'), undefined, 'uppercase and _ + . @ - allowed');
    assert.equal(dbUserRule('1alice'), 'Must start with a letter (A–Z or a–z).');
    assert.equal(dbUserRule('_alice'), 'Must start with a letter (A–Z or a–z).');
    assert.equal(dbUserRule('IAM:alice'), 'Must not contain a colon (:) or a slash (/).');
    assert.equal(dbUserRule('a/b'), 'Must not contain a colon (:) or a slash (/).');
    assert.equal(dbUserRule('al ice'), 'Only letters, digits and _ + . @ - are allowed.');
    assert.equal(dbUserRule('ålice'), 'Must start with a letter (A–Z or a–z).');
    assert.equal(dbUserRule('alicé'), 'Only letters, digits and _ + . @ - are allowed.');
    assert.equal(dbUserRule("o'brien"), 'Only letters, digits and _ + . @ - are allowed.');
  });

  test('DbUser: reserved words and PUBLIC, any case', () => {
    assert.equal(dbUserRule('PUBLIC'), '"PUBLIC" is a reserved word in Redshift; choose another name.');
    assert.equal(dbUserRule('public'), '"public" is a reserved word in Redshift; choose another name.');
    assert.equal(dbUserRule('user'), '"user" is a reserved word in Redshift; choose another name.');
    assert.equal(dbUserRule('Select'), '"Select" is a reserved word in Redshift; choose another name.');
    assert.equal(dbUserRule('users'), undefined);
    assert.equal(dbUserRule('publicist'), undefined);
    for (const w of ['AES128', 'ALL', 'CURRENT_USER', 'DELTA32K', 'GROUP', 'NULL', 'ORDER', 'TABLE', 'WITHOUT']) {
      assert.ok(REDSHIFT_RESERVED_WORDS.has(w), w);
    }
  });

  test('DbName (GetClusterCredentials, Serverless GetCredentials): upper- or lowercase letters; optional', () => {
    assert.equal(dbNameRule('dev'), undefined);
    assert.equal(dbNameRule('Dev'), undefined);
    assert.equal(dbNameRule('SALES_2024'), undefined);
    assert.equal(dbNameRule('d'.repeat(64)), undefined);
    assert.equal(dbNameRule('d'.repeat(65)), 'Must be 1–64 characters (it is 65).');
    assert.equal(dbNameRule('sales_2024+x.y@z-w'), undefined);
    assert.equal(dbNameRule('9db'), 'Must start with a letter (A–Z or a–z).');
    assert.equal(dbNameRule('_db'), 'Must start with a letter (A–Z or a–z).');
    assert.equal(dbNameRule('db:x'), 'Must not contain a colon (:) or a slash (/).');
    assert.equal(dbNameRule('db x'), 'Only letters, digits and _ + . @ - are allowed.');
    assert.equal(dbNameRule('table'), '"table" is a reserved word in Redshift; choose another name.');
    assert.equal(dbNameRule('Table'), '"Table" is a reserved word in Redshift; choose another name.');
    assert.equal(optionalDbName(''), undefined);
    assert.equal(optionalDbName(undefined), undefined);
    assert.equal(optionalDbName('Dev'), undefined);
  });

  test('DbName (GetClusterCredentialsWithIAM): length only, as its documentation sets no character rule', () => {
    assert.equal(optionalIamDbName(undefined), undefined);
    assert.equal(optionalIamDbName('Dev'), undefined);
    assert.equal(optionalIamDbName('9 sales:db/x'), undefined);
    assert.equal(optionalIamDbName('table'), undefined);
    assert.equal(optionalIamDbName('d'.repeat(64)), undefined);
    assert.equal(optionalIamDbName('d'.repeat(65)), 'Must be 1–64 characters (it is 65).');
  });

  test('reserved words as Redshift publishes them today: LANGUAGE is not one', () => {
    assert.ok(!REDSHIFT_RESERVED_WORDS.has('LANGUAGE'));
    assert.equal(dbNameRule('language'), undefined);
    assert.equal(dbUserRule('language'), undefined);
    assert.equal(dbGroupNameRule('language'), undefined);
    for (const w of ['ISNULL', 'JOIN', 'LEADING', 'WALLET']) assert.ok(REDSHIFT_RESERVED_WORDS.has(w), w);
  });

  test('DbGroups: each like a database name; text or array', () => {
    assert.equal(dbGroupsRule(undefined), undefined);
    assert.equal(dbGroupsRule(''), undefined);
    assert.equal(dbGroupsRule(['analysts', 'readers']), undefined);
    assert.equal(dbGroupsRule('analysts, readers'), undefined);
    assert.equal(dbGroupsRule(['analysts', 'Readers']), 'Group 2 ("Readers"): Must start with a lowercase letter (a–z).');
    assert.equal(dbGroupsRule(['g'.repeat(65)]), `Group 1 ("${'g'.repeat(65)}"): Must be 1–64 characters (it is 65).`);
    assert.equal(dbGroupsRule('analysts, group'), 'Group 2 ("group"): "group" is a reserved word in Redshift; choose another name.');
    assert.equal(dbGroupsRule(['a', 'a']), 'Group 2 ("a") is listed twice; list each once.');
  });

  test('DurationSeconds 899/900/3600/3601, default 900', () => {
    const range = 'Must be a whole number of seconds from 900 to 3600';
    assert.equal(redshiftDuration(899), `${range} (it is 899).`);
    assert.equal(redshiftDuration(900), undefined);
    assert.equal(redshiftDuration(3600), undefined);
    assert.equal(redshiftDuration(3601), `${range} (it is 3601).`);
    assert.equal(redshiftDuration('1800.5'), `${range}.`);
    assert.equal(redshiftDuration(undefined), undefined);
    for (const m of [redshiftClusterCredentials, redshiftServerlessCredentials]) {
      const p = m.parameters.find((x) => /duration/i.test(x.key));
      assert.equal(p?.defaultValue?.(target()), 900, m.id);
      assert.equal(p?.validate(3601), `${range} (it is 3601).`, m.id);
    }
  });

  test('method parameters: DbUser from the setting, DbName from the cluster, AutoCreate off', () => {
    const byKey = new Map(redshiftClusterCredentials.parameters.map((p) => [p.key, p]));
    assert.equal(byKey.get('DbUser')?.settingDefault, 'redshift.defaultDbUser');
    assert.equal(byKey.get('DbUser')?.required, true);
    assert.equal(byKey.get('DbName')?.defaultValue?.(target({ details: { dbName: 'sales' } })), 'sales');
    assert.equal(byKey.get('AutoCreate')?.defaultValue?.(target()), false);
    assert.equal(byKey.get('AutoCreate')?.validate('yes'), 'Must be yes or no.');
    assert.equal(byKey.get('DbGroups')?.type, 'list');
  });

  test('cluster identifier 1–63', () => {
    assert.equal(validateClusterTarget(target({ id: 'c'.repeat(63) })), undefined);
    assert.equal(validateClusterTarget(target({ id: 'c'.repeat(64) })), 'Cluster identifier: Must be 1–63 characters (it is 64).');
    assert.equal(validateClusterTarget(target({ id: '' })), `Cluster identifier: ${EMPTY}`);
  });
});

describe('Redshift Serverless: workgroupName 3–64, ^[a-z0-9-]+$', () => {
  test('boundaries and characters', () => {
    assert.equal(workgroupNameRule('ab'), 'Must be 3–64 characters (it is 2).');
    assert.equal(workgroupNameRule('abc'), undefined);
    assert.equal(workgroupNameRule('a'.repeat(64)), undefined);
    assert.equal(workgroupNameRule('a'.repeat(65)), 'Must be 3–64 characters (it is 65).');
    assert.equal(workgroupNameRule('my-wg-1'), undefined);
    assert.equal(workgroupNameRule('My-wg'), 'Only lowercase letters, digits and - are allowed.');
    assert.equal(workgroupNameRule('my_wg'), 'Only lowercase letters, digits and - are allowed.');
    assert.equal(workgroupNameRule('wgé'), 'Only lowercase letters, digits and - are allowed.');
    assert.equal(workgroupNameRule(''), EMPTY);
    assert.equal(redshiftServerlessCredentials.validateTarget?.(target({ id: 'ab' })), 'Workgroup name: Must be 3–64 characters (it is 2).');
  });
});
