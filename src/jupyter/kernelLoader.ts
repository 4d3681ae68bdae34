// Loads dist/jupyter.js (the kernel client with @jupyterlab/services and ws) on first use, once.
import { loadOnce, requireBeside } from '../lazyBundle';
import type { KernelClientModule } from './kernelClient';

export type KernelClientImporter = () => Promise<KernelClientModule>;

export function createKernelClientLoader(importBundle: KernelClientImporter): () => Promise<KernelClientModule> {
  return loadOnce(importBundle);
}

/** The production importer: requires a bundle beside dist/extension.js (kept out of extension.js). */
export function requireJupyterBundle(file = 'jupyter.js'): KernelClientImporter {
  return requireBeside(file);
}
