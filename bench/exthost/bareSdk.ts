// The bare SDK path first_expand_ms is compared with: one client package, bundled the way esbuild.mjs bundles
// dist/aws.js (production: minified, ES module builds), required cold in the extension host by firstExpand.ts.
export { EMRClient, ListClustersCommand } from '@aws-sdk/client-emr';
