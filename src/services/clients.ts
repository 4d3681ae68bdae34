// One SDK client per (module, profile, region). The extension hands out one ClientConfig object per profile
// and region (and a new one after a sign-in resets it), so the config object's identity is the cache key:
// a WeakMap lets clients for a discarded config be collected with it.
import { awsAnswerCheck } from './awsAnswer';
import type { ClientConfig } from './types';

/** An SDK service: its `serviceId` (which endpoint settings name) and the name users know it by. */
export interface ServiceName {
  /** The SDK client's serviceId: "EMR", "EMR containers", "Redshift", … */
  readonly id: string;
  /** "Amazon EMR on EKS", for messages. */
  readonly name: string;
}

const clients = new WeakMap<ClientConfig, Map<string, unknown>>();

/**
 * The client `make` builds for this config, built once per SDK service id and config object. `make` receives the
 * config with the endpoint the user's AWS config names for that service (endpoint_url, AWS_ENDPOINT_URL_*). Every
 * client tells answers that are not the service's apart (awsAnswer.ts).
 */
// (Structural types: each SDK client package may carry its own copy of @smithy/types.)
export function cachedClient<T extends { middlewareStack: { use(plugin: never): void } }>(service: ServiceName, config: ClientConfig, make: (config: ClientConfig & { endpoint?: string }) => T): T {
  const serviceId = service.id;
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
    client.middlewareStack.use(awsAnswerCheck(service.name) as never);
    perConfig.set(key, client);
  }
  return client;
}
