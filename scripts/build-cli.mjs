#!/usr/bin/env node
// Bundles the `gloss` CLI (cli/main.ts and the extension's pure modules it uses) into one
// ES module, dist/cli/gloss.mjs, so the installed command starts on plain Node without
// compiling TypeScript at each run (tsx is a development dependency only).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const result = await build({
  entryPoints: ['cli/run.ts'],
  outfile: process.argv[2] ?? 'dist/cli/gloss.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Some bundled CommonJS packages call require(); give the ES module one.
  banner: { js: "import { createRequire as __glossRequire } from 'node:module'; const require = __glossRequire(import.meta.url);" },
  define: { __GLOSS_VERSION__: JSON.stringify(version) },
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`${process.argv[2] ?? 'dist/cli/gloss.mjs'}  ${(bytes / 1024).toFixed(0)} KB  (gloss ${version})`);
