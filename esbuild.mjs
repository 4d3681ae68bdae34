// Bundles the extension in four parts: `extension.js`, loaded at activation (no AWS SDK inside),
// `aws.js`, required on first use by src/aws/loader.ts, `jupyter.js` (the kernel client: @jupyterlab/services
// and ws), required on first notebook execution by src/jupyter/kernelLoader.ts, and `bridge.js` (the local Jupyter
// bridge), required on the first connect by src/jupyter/bridgeLoader.ts. Keeping them apart keeps activation cheap.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const options = {
  entryPoints: { extension: 'src/extension.ts', aws: 'src/aws/bundle.ts', jupyter: 'src/jupyter/kernelBundle.ts', bridge: 'src/jupyter/bridgeBundle.ts' },
  bundle: true,
  outdir: 'dist',
  format: 'cjs',
  platform: 'node',
  // The Node of the oldest extension host engines.vscode allows (VS Code 1.103: Node 22); README "Supported VS Code versions".
  target: 'node22',
  external: ['vscode'],
  minify: production,
  sourcemap: production ? 'linked' : 'inline',
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
  // Prefer each package's ES module build (`module`) over its CommonJS one: esbuild can tree-shake only ES modules,
  // and every AWS SDK client exports all of its commands and schemas while we call a few (dist/aws.js: 1,391,081
  // bytes with `main` first). The packages with an `exports` map resolve by their `import` condition either way.
  mainFields: ['module', 'main'],
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log('esbuild: watching src/ for changes');
} else {
  const result = await esbuild.build(options);
  for (const [file, info] of Object.entries(result.metafile.outputs)) {
    if (file.endsWith('.js')) console.log(`${file}  ${(info.bytes / 1024).toFixed(1)} KB`);
  }
}
