// The last layer of `npm test` (test/run-all.mjs): every secret the emulators issued during the run (the JSON
// lines in $CLUSTER_PASS_SECRET_RECORD, the only place allowed to hold them) is searched for in every file the
// run may have written: the run's temporary root ($CLUSTER_PASS_LEAK_ROOT, which is TMPDIR for every test process,
// read in full, including folders the tests removed: see keep-temp.mjs), and every file under the repository
// (test-output/ with the workbench's user-data, logs, settings and state.vscdb files, notebooks, anything a test
// touched) and under /tmp that was modified since the run started ($CLUSTER_PASS_RUN_STARTED).
//
// Prints, alone on a line, `leaks: N secrets checked, 0 found`, or names each file with a hit and exits 1.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { readSecretRecord, scanPaths } from './scan';

const REPO_ROOT = resolve(__dirname, '..', '..');

function main(): number {
  const record = process.env.CLUSTER_PASS_SECRET_RECORD;
  if (!record) {
    console.error('leaks: CLUSTER_PASS_SECRET_RECORD is not set; run the scan through `npm test` (test/run-all.mjs).');
    return 2;
  }
  const started = Number(process.env.CLUSTER_PASS_RUN_STARTED ?? '0');
  const leakRoot = process.env.CLUSTER_PASS_LEAK_ROOT;
  const secrets = existsSync(record) ? readSecretRecord(readFileSync(record, 'utf8')) : [];

  const roots = [REPO_ROOT];
  if (leakRoot) roots.push(leakRoot);
  // /tmp as well, for anything written there by a path that ignores TMPDIR (this tool's own job folders aside).
  if (existsSync('/tmp')) for (const name of readdirSync('/tmp')) if (!name.startsWith('bash_jobs')) roots.push(join('/tmp', name));

  const t0 = Date.now();
  const result = scanPaths(roots, secrets, {
    exclude: [record],
    skipDirs: ['node_modules', '.git'],
    // A file last written before the run started cannot hold a secret issued during it (2 s for clock granularity).
    modifiedSince: started ? started - 2000 : undefined,
    alwaysUnder: leakRoot ? [leakRoot] : [],
  });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(`# scanned ${result.files} files (${(result.bytes / 1048576).toFixed(1)} MiB) in ${seconds} s; secret record ${relative(REPO_ROOT, record)}`);
  if (result.unreadable.length) console.log(`# could not read ${result.unreadable.length}: ${result.unreadable.slice(0, 5).join(', ')}`);
  if (!secrets.length) console.log('# no secret was issued in this run (did the suite run?)');

  const byFile = new Map<string, Set<string>>();
  for (const h of result.hits) {
    const forms = byFile.get(h.file) ?? new Set<string>();
    forms.add(`secret #${h.secret + 1} (${h.form}) at byte ${h.offset}`);
    byFile.set(h.file, forms);
  }
  for (const [file, forms] of byFile) console.log(`LEAK ${file}: ${[...forms].slice(0, 3).join('; ')}${forms.size > 3 ? ` and ${forms.size - 3} more` : ''}`);
  const leaked = new Set(result.hits.map((h) => h.secret)).size;
  console.log(`leaks: ${secrets.length} secrets checked, ${leaked} found`);
  if (leaked) console.log(`(${byFile.size === 1 ? '1 file holds' : `${byFile.size} files hold`} an issued secret)`);
  return leaked ? 1 : 0;
}

process.exitCode = main();
