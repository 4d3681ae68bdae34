// Keeps the promises that services plug in through src/services only, that activation stays free of the SDK, and
// that every id code uses is one package.json contributes (and the reverse).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { NEXT_STEPS } from '../../src/aws/explain';
import { COMMANDS, CONTEXT_KEYS, CONTEXT_VALUES, PREFIX, SETTINGS, TREE_VIEW, VIEW_CONTAINER } from '../../src/constants';
import { services } from '../../src/services/registry';
import { IDENTIFYING_PARAMETER } from '../../src/services/sessionIdentity';

const ROOT = join(__dirname, '..', '..');
const SERVICE_WORDS = /\b(EMR|Elastic ?MapReduce|elasticmapreduce|emr-containers|EKS|Redshift|Livy|sparkmagic|Serverless)\b/i;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

test('nothing in src/ outside a service module names a specific AWS service', () => {
  const offenders = sources(join(ROOT, 'src'))
    .filter((file) => !relative(ROOT, file).startsWith(join('src', 'services')))
    .flatMap((file) => readFileSync(file, 'utf8').split('\n').map((line, i) => ({ file: relative(ROOT, file), line: i + 1, text: line })))
    .filter(({ text }) => SERVICE_WORDS.test(text));
  assert.deepEqual(offenders, []);
});

test('the activation entry point reaches the AWS SDK, the service modules, the bridge and the kernel client only through their lazy loaders', () => {
  const seen = new Set<string>();
  const importsOf = (file: string): string[] =>
    [...readFileSync(file, 'utf8').matchAll(/^import (?!type)[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of importsOf(file)) {
      assert.ok(!/^(@aws-sdk\/|@smithy\/|@jupyterlab\/|ws$)/.test(spec), `${relative(ROOT, file)} imports ${spec} at activation`);
      if (spec.startsWith('.')) {
        const target = join(file, '..', `${spec}.ts`);
        assert.ok(!/src[/\\]services[/\\](?!errors|types|methods|sessionIdentity)/.test(target), `${relative(ROOT, file)} imports service module ${spec} at activation`);
        // dist/bridge.js and dist/jupyter.js: loaded on the first connect and the first execution.
        assert.ok(!/src[/\\]jupyter[/\\](bridge|bridgeBundle|kernelClient|kernelBundle)\.ts$/.test(target), `${relative(ROOT, file)} imports ${spec} at activation`);
        visit(target);
      }
    }
  };
  visit(join(ROOT, 'src', 'extension.ts'));
  assert.ok(seen.size > 5, 'walked the activation import graph');
});

// ---- ids: every command, view, setting and context key id in code is contributed in package.json, and the reverse --

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  contributes: {
    commands: { command: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    keybindings: { command: string; when?: string }[];
    views: Record<string, { id: string }[]>;
    viewsContainers: Record<string, { id: string }[]>;
    viewsWelcome: { view: string; when?: string }[];
    walkthroughs: { steps: { when?: string }[] }[];
    configuration: { properties: Record<string, unknown> };
  };
};
const contributes = manifest.contributes;
const sorted = (values: Iterable<string>) => [...new Set(values)].sort();
const whenClauses = (): string[] =>
  [...Object.values(contributes.menus).flat(), ...contributes.keybindings, ...contributes.viewsWelcome, ...contributes.walkthroughs.flatMap((w) => w.steps)]
    .flatMap((entry) => (entry.when ? [entry.when] : []));

test('the commands in code are the commands package.json contributes, and menus and keys name only those', () => {
  assert.deepEqual(sorted(Object.values(COMMANDS)), sorted(contributes.commands.map((c) => c.command)));
  const named = [...Object.values(contributes.menus).flat(), ...contributes.keybindings].map((entry) => entry.command);
  assert.deepEqual(named.filter((id) => !(Object.values(COMMANDS) as string[]).includes(id)), []);
});

test('the views in code are the views package.json contributes', () => {
  assert.deepEqual(sorted(Object.values(contributes.viewsContainers).flat().map((v) => v.id)), [VIEW_CONTAINER]);
  assert.deepEqual(sorted(Object.values(contributes.views).flat().map((v) => v.id)), [TREE_VIEW]);
  assert.deepEqual(Object.keys(contributes.views), [VIEW_CONTAINER]);
  assert.deepEqual(sorted(contributes.viewsWelcome.map((v) => v.view)), [TREE_VIEW]);
});

test('the settings code reads (its own and the service modules\' defaults) are the settings package.json contributes', () => {
  const serviceDefaults = services.flatMap((m) => m.methods.flatMap((method) => method.parameters.flatMap((p) => (p.settingDefault ? [p.settingDefault] : []))));
  const inCode = [...Object.values(SETTINGS), ...serviceDefaults].map((key) => `${PREFIX}.${key}`);
  assert.deepEqual(sorted(inCode), sorted(Object.keys(contributes.configuration.properties)));
});

test('the context keys code sets are the ones package.json when clauses read', () => {
  const read = whenClauses().flatMap((when) => [...when.matchAll(/\bclusterPass\.[\w.]+/g)].map((m) => m[0])).filter((id) => id !== TREE_VIEW);
  assert.deepEqual(sorted(read), sorted(Object.values(CONTEXT_KEYS)));
});

test('every viewItem a menu matches is a contextValue the tree sets, and every contextValue with actions has a menu', () => {
  const values = [CONTEXT_VALUES.profile, CONTEXT_VALUES.region, CONTEXT_VALUES.group, CONTEXT_VALUES.target, CONTEXT_VALUES.targetWithCredentials, CONTEXT_VALUES.loadMore, ...NEXT_STEPS.map(CONTEXT_VALUES.message)];
  const matchers = whenClauses().flatMap((when) => [
    ...[...when.matchAll(/viewItem == ([\w.]+)/g)].map((m) => (value: string) => value === m[1]),
    ...[...when.matchAll(/viewItem =~ \/(.+?)\/(?:\s|$)/g)].map((m) => (value: string) => new RegExp(m[1]).test(value)),
  ]);
  assert.ok(matchers.length > 0, 'menus match tree items');
  const unmatched = matchers.filter((matches) => !values.some(matches));
  assert.equal(unmatched.length, 0, 'a menu matches a contextValue the tree never sets');
  // A load-more row runs its command on click; a message without a next step offers nothing.
  const withoutMenus = [CONTEXT_VALUES.loadMore, CONTEXT_VALUES.message('none')];
  assert.deepEqual(values.filter((value) => !withoutMenus.includes(value) && !matchers.some((matches) => matches(value))), []);
});

test('code takes every clusterPass id from src/constants.ts (no id spelled out elsewhere)', () => {
  const offenders = sources(join(ROOT, 'src'))
    .filter((file) => relative(ROOT, file) !== join('src', 'constants.ts'))
    .flatMap((file) => readFileSync(file, 'utf8').split('\n').map((line, i) => ({ file: relative(ROOT, file), line: i + 1, text: line })))
    .filter(({ text }) => !/^\s*(\/\/|\/?\*)/.test(text) && /['"`]clusterPass\./.test(text));
  assert.deepEqual(offenders, []);
});

// ---- service knowledge: parameter keys and SDK clients only in service modules -----------------------------------

const outsideServices = () =>
  sources(join(ROOT, 'src'))
    .filter((file) => !relative(ROOT, file).startsWith(join('src', 'services')))
    .flatMap((file) => readFileSync(file, 'utf8').split('\n').map((line, i) => ({ file: relative(ROOT, file), line: i + 1, text: line })));

test('no service parameter key (executionRoleArn, DbUser, …) appears outside src/services/', () => {
  const keys = [...new Set(services.flatMap((m) => m.methods.flatMap((method) => method.parameters.map((p) => p.key))))];
  assert.ok(keys.length > 3, `found the services' parameter keys: ${keys.join(', ')}`);
  const named = new RegExp(`\\b(${keys.join('|')})\\b`);
  assert.deepEqual(outsideServices().filter(({ text }) => named.test(text)), []);
});

test('no AWS SDK client is imported outside src/services/', () => {
  assert.deepEqual(outsideServices().filter(({ text }) => /from ['"]@aws-sdk\/client-|import\(['"]@aws-sdk\/client-|require\(['"]@aws-sdk\/client-/.test(text)), []);
});

test('each method\'s session identity names one of its own parameters, and names only methods that exist', () => {
  const methods = new Map(services.flatMap((m) => m.methods).map((method) => [method.id, method]));
  for (const [methodId, key] of Object.entries(IDENTIFYING_PARAMETER)) {
    const method = methods.get(methodId);
    assert.ok(method, `${methodId} is a method`);
    assert.ok(method.parameters.some((p) => p.key === key), `${methodId} declares ${key}`);
  }
});
