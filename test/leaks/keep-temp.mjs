// Preloaded (`node --import ./test/leaks/keep-temp.mjs`) into the test processes by test/run-all.mjs when
// CLUSTER_PASS_LEAK_ROOT is set. Tests, helpers and libraries (playwright's browser profile, the simulated
// gateway's folder, the product world's AWS config) delete their temporary folders when they finish; the
// leak scan must still see what was in them. So a removal of anything under that root moves it aside into
// `<root>/removed/` instead: for the caller the path is gone, exactly as after a removal, and the scan that
// runs after the whole suite reads it. Paths outside the root are removed as usual.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { basename, join, resolve, sep } from 'node:path';

const root = process.env.CLUSTER_PASS_LEAK_ROOT ? resolve(process.env.CLUSTER_PASS_LEAK_ROOT) : undefined;

if (root) {
  const graveyard = join(root, 'removed');
  let n = 0;
  const under = (p) => {
    const full = resolve(String(p));
    return full.startsWith(root + sep) && !full.startsWith(graveyard + sep) && full !== graveyard;
  };
  /** Renames `p` into the graveyard; true when it did (false: not ours, or nothing there). */
  const moveAside = (p) => {
    if (!under(p)) return false;
    const full = resolve(String(p));
    if (!fs.existsSync(full)) return false;
    fs.mkdirSync(graveyard, { recursive: true });
    const target = join(graveyard, `${process.pid}-${Date.now()}-${n++}-${basename(full)}`);
    try {
      fs.renameSync(full, target);
      return true;
    } catch {
      return false; // another filesystem or a race: fall back to the real removal
    }
  };

  const { rmSync, rmdirSync, rm, rmdir, unlinkSync, unlink } = fs;
  const promisesRm = fs.promises.rm;
  const promisesRmdir = fs.promises.rmdir;
  const promisesUnlink = fs.promises.unlink;
  fs.unlinkSync = function (p, ...rest) {
    if (moveAside(p)) return undefined;
    return unlinkSync.call(this, p, ...rest);
  };
  fs.unlink = function (p, ...rest) {
    const cb = rest.at(-1);
    if (typeof cb === 'function' && moveAside(p)) {
      process.nextTick(cb, null);
      return undefined;
    }
    return unlink.call(this, p, ...rest);
  };
  fs.promises.unlink = async function (p, ...rest) {
    if (moveAside(p)) return undefined;
    return promisesUnlink.call(this, p, ...rest);
  };
  fs.rmSync = function (p, ...rest) {
    if (moveAside(p)) return undefined;
    return rmSync.call(this, p, ...rest);
  };
  fs.rmdirSync = function (p, ...rest) {
    if (moveAside(p)) return undefined;
    return rmdirSync.call(this, p, ...rest);
  };
  fs.rm = function (p, ...rest) {
    const cb = rest.at(-1);
    if (typeof cb === 'function' && moveAside(p)) {
      process.nextTick(cb, null);
      return undefined;
    }
    return rm.call(this, p, ...rest);
  };
  fs.rmdir = function (p, ...rest) {
    const cb = rest.at(-1);
    if (typeof cb === 'function' && moveAside(p)) {
      process.nextTick(cb, null);
      return undefined;
    }
    return rmdir.call(this, p, ...rest);
  };
  fs.promises.rm = async function (p, ...rest) {
    if (moveAside(p)) return undefined;
    return promisesRm.call(this, p, ...rest);
  };
  fs.promises.rmdir = async function (p, ...rest) {
    if (moveAside(p)) return undefined;
    return promisesRmdir.call(this, p, ...rest);
  };
  // `import { rmSync } from 'node:fs'` and `node:fs/promises` see the replacements too.
  syncBuiltinESMExports();
}
