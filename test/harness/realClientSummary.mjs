// The closing `real clients: …` line of `npm test` (test/run-all.mjs), from the records the checks wrote
// (test/harness/realClients.ts). Plain JavaScript: run-all.mjs runs before anything is compiled.

/**
 * Per client in `clients` (in that order): `ok` (with the last detail an ok check gave, e.g. "ok (5 formats)")
 * when at least one check passed and none failed, was cut off (started with no outcome) or was skipped; else
 * `failed (check; …)` or `skipped (why)`. A client with no record is `skipped (did not run)` when it is in
 * `required`, `skipped (not run yet)` when not.
 */
export function realClientSummary(records, clients, required) {
  return clients.map((name) => {
    const last = new Map();
    for (const r of records) if (r.client === name) last.set(r.check, r);
    const checks = [...last.values()];
    const failed = checks.filter((r) => r.status === 'failed' || r.status === 'started').map((r) => r.check);
    const skipped = checks.filter((r) => r.status === 'skipped');
    const ok = checks.filter((r) => r.status === 'ok');
    if (failed.length) return { name, ok: false, text: `failed (${failed.join('; ')})` };
    if (skipped.length) return { name, ok: false, text: `skipped (${[...new Set(skipped.map((r) => r.detail))].join('; ')})` };
    if (!ok.length) return { name, ok: false, text: `skipped (${required.includes(name) ? 'did not run' : 'not run yet'})` };
    const detail = ok.map((r) => r.detail).filter(Boolean).at(-1);
    return { name, ok: true, text: detail ? `ok (${detail})` : 'ok' };
  });
}

/** `real clients: gateway-client ok, psql ok (5 formats), …`; `names` may show a client under another name. */
export function realClientsLine(summary, names = new Map()) {
  return `real clients: ${summary.map((c) => `${names.get(c.name) ?? c.name} ${c.text}`).join(', ')}`;
}
