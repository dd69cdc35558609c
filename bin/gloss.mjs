#!/usr/bin/env node
// The CLI runs the extension's own TypeScript modules (matching, packs, claims)
// through tsx, so there is one implementation of each and no separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
