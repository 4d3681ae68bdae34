// Loads the AWS bundle on first use, once. Activation never calls this.
import { loadOnce, requireBeside } from '../lazyBundle';
import type { AwsApi, AwsApiFactory, AwsHooks } from './api';

export type BundleImporter = () => Promise<{ createAwsApi: AwsApiFactory }>;

export function createAwsLoader(importBundle: BundleImporter, hooks: AwsHooks): () => Promise<AwsApi> {
  return loadOnce(() => importBundle().then((bundle) => bundle.createAwsApi(hooks)));
}

/** The production importer: requires dist/aws.js beside dist/extension.js. */
export function requireBesideBundle(file: string): BundleImporter {
  return requireBeside(file);
}
