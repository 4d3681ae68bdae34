// Loads dist/jupyter.js (the kernel client with @jupyterlab/services and ws) on first use, once.
import type { KernelClientModule } from './kernelClient';

export type KernelClientImporter = () => Promise<KernelClientModule>;

export function createKernelClientLoader(importBundle: KernelClientImporter): () => Promise<KernelClientModule> {
  let loading: Promise<KernelClientModule> | undefined;
  return () => {
    loading ??= importBundle();
    loading.catch(() => (loading = undefined));
    return loading;
  };
}

/** The production importer: requires a bundle beside dist/extension.js by a computed path (kept out of extension.js). */
export function requireJupyterBundle(file = 'jupyter.js'): KernelClientImporter {
  return async () => {
    const path = `${__dirname}/${file}`;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime path, loaded on first use
    return require(path) as KernelClientModule;
  };
}
