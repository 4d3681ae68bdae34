// Entry point of dist/aws.js: everything that imports the AWS SDK is reached from here only,
// so that activation never loads it. src/aws/loader.ts requires this bundle on first use.
export { services } from '../services/registry';
