// `npm run bench`: every benchmark of issue 7 in one run, one after another (never two at once: they would disturb
// each other), a table on stdout and test-output/bench.json. Not part of `npm test`.
//
//   npm run bench                   everything (about 16 minutes on 2 cores: the soak alone runs 10)
//   npm run bench -- --only list,fetch   some sections: sizes, exthost, list, fetch, tree, bridge, soak
//   npm run bench -- --quick        fewer repetitions (a smoke run; numbers are less stable)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { OUTPUT_DIR } from '../test/harness/paths';
import { fetchBench, listingBench, treeBench } from './aws';
import { bridgeBench } from './bridge';
import { soakBench } from './soak';
import { exthostBench, firstExpandBench } from './exthost';
import { table, type Measurement } from './lib';
import { packageCopy, sizeMeasurements, type Packaged } from './sizes';

const SECTIONS = ['sizes', 'exthost', 'list', 'fetch', 'tree', 'bridge', 'soak'] as const;
type Section = (typeof SECTIONS)[number];

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { only: { type: 'string' }, quick: { type: 'boolean', default: false } } });
  const only = values.only ? (values.only.split(',') as Section[]) : [...SECTIONS];
  const unknown = only.filter((s) => !SECTIONS.includes(s));
  if (unknown.length) throw new Error(`unknown section(s) ${unknown.join(', ')}; known: ${SECTIONS.join(', ')}`);
  const q = values.quick;
  const log = (line: string) => console.log(`  ${line}`);
  const started = Date.now();
  const results: Measurement[] = [];
  const timings: Record<string, number> = {};
  const section = async (name: Section, work: () => Promise<Measurement[]>) => {
    if (!only.includes(name)) return;
    console.log(`[bench] ${name}…`);
    const t0 = Date.now();
    results.push(...(await work()));
    timings[name] = Math.round((Date.now() - t0) / 100) / 10;
  };

  let packaged: Packaged | Error | undefined;
  const pkg = async () => (packaged ??= await packageCopy().catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))));
  await section('sizes', async () => sizeMeasurements(await pkg()));
  await section('exthost', async () => {
    const p = await pkg();
    const vsix = p instanceof Error ? p : p.vsix;
    return [...(await exthostBench(vsix, q ? 2 : 7, log)), ...(await firstExpandBench(vsix, q ? 2 : 8, log))];
  });
  await section('list', () => listingBench({ list: q ? 2 : 4, parallel: q ? 2 : 4 }, log));
  await section('fetch', () => fetchBench(q ? 40 : 150, log));
  await section('tree', () => treeBench(q ? 20 : 60, log));
  await section('bridge', () => bridgeBench({ exec: q ? 60 : 600, throughput: q ? 2 : 4 }, log));
  await section('soak', () => soakBench(q ? 1 : 10, log));

  const seconds = Math.round((Date.now() - started) / 1000);
  const report: Record<string, unknown> = {};
  for (const m of results) {
    const { key, ...rest } = m;
    report[key] = rest;
  }
  report._run = { date: new Date().toISOString(), seconds, section_seconds: timings, quick: q, node: process.version, cpus: (await import('node:os')).cpus().length };
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const file = join(OUTPUT_DIR, 'bench.json');
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');

  console.log(`\n${table(results)}\n`);
  for (const m of results) console.log(`${m.key}: ${m.error ? `ERROR ${m.error}. ` : ''}${m.how}`);
  const missed = results.filter((m) => m.met === false).map((m) => m.key);
  const errors = results.filter((m) => m.met === null).map((m) => m.key);
  console.log(`\n${results.length - missed.length - errors.length} of ${results.length} targets met${missed.length ? `; missed: ${missed.join(', ')}` : ''}${errors.length ? `; could not measure: ${errors.join(', ')}` : ''}. ${seconds} s. Details: ${file}`);
  // Missed targets are a result, not a failure of the run; only measurements that could not run fail it.
  return errors.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
