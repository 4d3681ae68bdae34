// Keeps the promise that services plug in through src/services only, and that activation stays free of the SDK.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

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

test('the activation entry point reaches the AWS SDK and the service modules only through the lazy loader', () => {
  const seen = new Set<string>();
  const importsOf = (file: string): string[] =>
    [...readFileSync(file, 'utf8').matchAll(/^import (?!type)[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of importsOf(file)) {
      assert.ok(!spec.startsWith('@aws-sdk/') && !spec.startsWith('@smithy/'), `${relative(ROOT, file)} imports ${spec} at activation`);
      if (spec.startsWith('.')) {
        const target = join(file, '..', `${spec}.ts`);
        assert.ok(!/src[/\\]services[/\\](?!errors|types)/.test(target), `${relative(ROOT, file)} imports service module ${spec} at activation`);
        visit(target);
      }
    }
  };
  visit(join(ROOT, 'src', 'extension.ts'));
  assert.ok(seen.size > 5, 'walked the activation import graph');
});
