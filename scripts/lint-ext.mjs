#!/usr/bin/env node
// `npm run lint:ext`: the Firefox package as addons.mozilla.org will check it
// (web-ext lint, i.e. addons-linter) — the built folder is exactly what `npm run
// zip:firefox` packs. Fails on any error; warnings are printed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(process.env.GLOSS_OUT_DIR ?? '.output', 'firefox-mv2');
if (!existsSync(join(dir, 'manifest.json'))) {
  console.error(`No Firefox build in ${dir}: run \`npm run build:firefox\` first.`);
  process.exit(1);
}
const r = spawnSync('npx', ['web-ext', 'lint', '--source-dir', dir, '--no-config-discovery'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
