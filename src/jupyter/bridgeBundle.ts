// Entry point of dist/bridge.js: the local Jupyter bridge (its HTTP server, gateway shim and upstream client),
// required on the first connect by bridgeLoader.ts, so activation does not load it.
import { JupyterBridge } from './bridge';
import type { BridgeFactory } from './manager';

export const createBridge: BridgeFactory = (upstream, getCredential, logger, options) => new JupyterBridge(upstream, getCredential, logger, options);
