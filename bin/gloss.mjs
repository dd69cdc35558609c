#!/usr/bin/env node
// The `gloss` command. An installed package ships the bundle (npm run build:cli, run by
// prepack → dist/cli/gloss.mjs) and not the TypeScript sources, and runs on plain Node.
// A development checkout runs the sources through tsx (a development dependency), so an
// old bundle is never run by mistake.
import { existsSync } from 'node:fs';

const source = new URL('../cli/run.ts', import.meta.url);
const bundle = new URL('../dist/cli/gloss.mjs', import.meta.url);
let tsx;
if (existsSync(source)) tsx = await import('tsx/esm/api').catch(() => undefined);
if (tsx) {
  tsx.register();
  await import(source.href);
} else if (existsSync(bundle)) await import(bundle.href);
else {
  process.stderr.write('gloss: the CLI is not built. Run `npm run build:cli`, or `npm install` in a development checkout.\n');
  process.exitCode = 1;
}
