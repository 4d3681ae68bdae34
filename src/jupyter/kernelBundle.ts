// Entry point of dist/jupyter.js: the Jupyter kernel client, required on first notebook use (kernelLoader.ts).
export { startRemoteKernel } from './kernelClient';
