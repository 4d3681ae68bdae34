// Runs inside code-server's real extension host as the `extensionTestsPath` module (bundled by bench/exthost.ts).
// Cluster Pass is installed from the packaged .vsix; this probe:
//  1. hooks timer creation (async_hooks) before anything of Cluster Pass runs;
//  2. activates Cluster Pass and reads the extension host's own performance marks for it
//     (code/extHost/{will,did}LoadExtensionCode/ID and code/extHost/{will,did}ActivateExtension/ID);
//  3. lists the modules Node loaded from the extension's folder (is dist/aws.js or any AWS SDK module among them?);
//  4. opens the Clusters view (the tree lists profiles, regions and services from the emulator; no session is started),
//     waits, and counts the timers created by Cluster Pass's code that are still alive.
// It prints one line `BENCH_RESULT {json}` and resolves.
import { createHook } from 'node:async_hooks';
import * as vscode from 'vscode';

const EXTENSION_ID = 'clusterpass.cluster-pass';

interface LiveTimer {
  type: string;
  stack: string;
}

interface Mark {
  name: string;
  startTime: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  const root = ext.extensionPath;
  const result: Record<string, unknown> = { pid: process.pid, extensionPath: root, activeBeforeProbe: ext.isActive, vscodeVersion: vscode.version };

  // Timers created while a frame of the extension's own files is on the stack, minus those cleared or fired.
  // During activation: wrappers around the global timer functions (cheap; async_hooks would slow every promise and
  // so the activation being measured). After activation: async_hooks as well (also catches Node-internal timers).
  const stackOf = (): string => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 80;
    const stack = new Error().stack ?? '';
    Error.stackTraceLimit = limit;
    return stack;
  };
  const short = (stack: string) => stack.split('\n').slice(1).filter((l) => !l.includes('node:internal/async_hooks') && !l.includes('/probe.js')).slice(0, 12).join('\n');
  const fromExtension = (stack: string) => stack.includes(`${root}/`);
  const wrapped = new Map<unknown, LiveTimer>();
  const g = globalThis as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = { setTimeout: g.setTimeout, setInterval: g.setInterval, setImmediate: g.setImmediate, clearTimeout: g.clearTimeout, clearInterval: g.clearInterval, clearImmediate: g.clearImmediate };
  const wrap = (name: 'setTimeout' | 'setInterval' | 'setImmediate', once: boolean) => {
    g[name] = function (this: unknown, callback: unknown, ...rest: unknown[]) {
      const stack = stackOf();
      if (!fromExtension(stack) || typeof callback !== 'function') return originals[name].call(this, callback, ...rest);
      const fn = function (this: unknown, ...args: unknown[]) {
        if (once) wrapped.delete(handle);
        return (callback as (...a: unknown[]) => unknown).apply(this, args);
      };
      // `fn` runs later than this line, so `handle` is set by then.
      const handle: unknown = originals[name].call(this, fn, ...rest);
      wrapped.set(handle, { type: name, stack: short(stack) });
      return handle;
    };
  };
  const unwrapClear = (name: 'clearTimeout' | 'clearInterval' | 'clearImmediate') => {
    g[name] = function (this: unknown, handle: unknown) {
      wrapped.delete(handle);
      return originals[name].call(this, handle);
    };
  };
  wrap('setTimeout', true);
  wrap('setInterval', false);
  wrap('setImmediate', true);
  unwrapClear('clearTimeout');
  unwrapClear('clearInterval');
  unwrapClear('clearImmediate');
  const hooked = new Map<number, LiveTimer>();
  const hook = createHook({
    init(asyncId, type) {
      if (type !== 'Timeout' && type !== 'Immediate') return;
      const stack = stackOf();
      if (fromExtension(stack)) hooked.set(asyncId, { type, stack: short(stack) });
    },
    destroy(asyncId) {
      hooked.delete(asyncId);
    },
  });
  const live = () => [...new Set([...wrapped.values(), ...hooked.values()])];

  try {
    await ext.activate();
    result.active = ext.isActive;

    const marks = ((globalThis as { MonacoPerformanceMarks?: { getMarks(): Mark[] } }).MonacoPerformanceMarks?.getMarks() ?? []).filter((m) => m.name.endsWith(`/${EXTENSION_ID}`));
    const at = (what: string): number | undefined => marks.find((m) => m.name === `code/extHost/${what}/${EXTENSION_ID}`)?.startTime;
    const [willLoad, didLoad, willActivate, didActivate] = ['willLoadExtensionCode', 'didLoadExtensionCode', 'willActivateExtension', 'didActivateExtension'].map(at);
    result.marks = marks;
    if (willLoad !== undefined && didLoad !== undefined && willActivate !== undefined && didActivate !== undefined) {
      result.codeLoadingMs = didLoad - willLoad;
      result.activateCallMs = didActivate - willActivate;
      result.activationMs = didLoad - willLoad + (didActivate - willActivate);
    }

    const loadedFromExtension = () => Object.keys(require.cache).filter((p) => p.startsWith(`${root}/`)).map((p) => p.slice(root.length + 1));
    const sdkModules = (paths: string[]) => paths.filter((p) => /(^|\/)dist\/aws\.js$|@aws-sdk|@smithy/.test(p));
    const afterActivation = loadedFromExtension();
    result.modulesAfterActivation = afterActivation;
    result.sdkModulesAfterActivation = [...sdkModules(afterActivation), ...Object.keys(require.cache).filter((p) => /[/\\]@aws-sdk[/\\]/.test(p))];
    result.timersAfterActivation = live();
    hook.enable();

    // Use the tree with no session: show the view, let it list, then wait for everything to settle.
    await vscode.commands.executeCommand('clusterPass.targets.focus');
    const deadline = Date.now() + 15_000;
    while (!sdkModules(loadedFromExtension()).length && Date.now() < deadline) await sleep(100);
    result.awsLoadedByTree = sdkModules(loadedFromExtension()).length > 0;
    await sleep(4000);
    const api = ext.exports as { sessions?: () => unknown[]; statusBarTimerRunning?: boolean } | undefined;
    result.sessions = api?.sessions?.().length;
    result.statusBarTimerRunning = api?.statusBarTimerRunning;
    // A timer made by a wrapped call after activation is seen by both mechanisms: count the hook's view then.
    result.idleTimers = [...[...wrapped.values()].filter((t) => !result.timersAfterActivation || (result.timersAfterActivation as LiveTimer[]).includes(t)), ...hooked.values()];
  } finally {
    hook.disable();
    Object.assign(g, originals);
  }
  console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
}
