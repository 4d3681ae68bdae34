// Loads dist/bridge.js on the first connect, once, and makes bridges from it.
import { loadOnce, requireBeside } from '../lazyBundle';
import type { BridgeFactory } from './manager';

export type BridgeBundleImporter = () => Promise<{ createBridge: BridgeFactory }>;

/** A BridgeFactory that loads the bridge bundle on its first call (production: dist/bridge.js beside extension.js). */
export function lazyBridgeFactory(importBundle: BridgeBundleImporter = requireBeside('bridge.js')): BridgeFactory {
  const load = loadOnce(importBundle);
  return async (upstream, getCredential, logger, options) => (await load()).createBridge(upstream, getCredential, logger, options);
}
