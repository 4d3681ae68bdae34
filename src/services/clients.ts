// One SDK client per (module, profile, region). The extension hands out one ClientConfig object per profile
// and region (and a new one after a sign-in resets it), so the config object's identity is the cache key:
// a WeakMap lets clients for a discarded config be collected with it.
import type { ClientConfig } from './types';

const clients = new WeakMap<ClientConfig, Map<string, unknown>>();

/**
 * The client `make` builds for this config, built once per SDK service id and config object. `make` receives the
 * config with the endpoint the user's AWS config names for that service (endpoint_url, AWS_ENDPOINT_URL_*).
 */
export function cachedClient<T>(serviceId: string, config: ClientConfig, make: (config: ClientConfig & { endpoint?: string }) => T): T {
  const key = serviceId;
  let perConfig = clients.get(config);
  if (!perConfig) {
    perConfig = new Map();
    clients.set(config, perConfig);
  }
  let client = perConfig.get(key) as T | undefined;
  if (client === undefined) {
    const { endpointFor, ...rest } = config;
    const endpoint = endpointFor?.(serviceId);
    client = make(endpoint ? { ...rest, endpoint } : rest);
    perConfig.set(key, client);
  }
  return client;
}
