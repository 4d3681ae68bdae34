// One SDK client per (module, profile, region). The extension hands out one ClientConfig object per profile
// and region (and a new one after a sign-in resets it), so the config object's identity is the cache key:
// a WeakMap lets clients for a discarded config be collected with it.
import type { ClientConfig } from './types';

const clients = new WeakMap<ClientConfig, Map<string, unknown>>();

/** The client `make` builds for this config, built once per `key` (use the module id) and config object. */
export function cachedClient<T>(key: string, config: ClientConfig, make: (config: ClientConfig) => T): T {
  let perConfig = clients.get(config);
  if (!perConfig) {
    perConfig = new Map();
    clients.set(config, perConfig);
  }
  let client = perConfig.get(key) as T | undefined;
  if (client === undefined) {
    client = make(config);
    perConfig.set(key, client);
  }
  return client;
}
