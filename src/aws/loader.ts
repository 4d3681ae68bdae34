// Loads the AWS bundle on first use, once. Activation never calls this.
import type { AwsApi, AwsApiFactory, AwsHooks } from './api';

export type BundleImporter = () => Promise<{ createAwsApi: AwsApiFactory }>;

export function createAwsLoader(importBundle: BundleImporter, hooks: AwsHooks): () => Promise<AwsApi> {
  let loading: Promise<AwsApi> | undefined;
  return () => {
    loading ??= importBundle().then((bundle) => bundle.createAwsApi(hooks));
    // A failed load (missing file) may be retried.
    loading.catch(() => (loading = undefined));
    return loading;
  };
}

/** The production importer: requires dist/aws.js beside dist/extension.js. */
export function requireBesideBundle(file: string): BundleImporter {
  return async () => {
    const path = `${__dirname}/${file}`;
    // A computed path keeps esbuild from inlining the AWS bundle into the activation bundle.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime path, loaded on first use
    return require(path) as { createAwsApi: AwsApiFactory };
  };
}
