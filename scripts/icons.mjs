#!/usr/bin/env node
// Renders assets/icon.svg to the PNG sizes the stores and browsers ask for
// (public/icon/<size>.png, which WXT puts in the manifest's `icons`).
// resvg (a Rust renderer shipped as an npm package) gives the same bytes on every machine.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

export const SIZES = [16, 32, 48, 96, 128];
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function renderIcon(svg, size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, shapeRendering: 2 }).render().asPng();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const svg = readFileSync(join(root, 'assets/icon.svg'), 'utf8');
  const out = join(root, 'public/icon');
  mkdirSync(out, { recursive: true });
  for (const size of SIZES) {
    const png = renderIcon(svg, size);
    writeFileSync(join(out, `${size}.png`), png);
    console.log(`public/icon/${size}.png  ${png.length} bytes`);
  }
}
