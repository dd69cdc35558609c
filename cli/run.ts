// The bundle's entry (scripts/build-cli.mjs): run `gloss` with the process's arguments.
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
