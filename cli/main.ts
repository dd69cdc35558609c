/**
 * `gloss` command dispatcher, a Unix tool: `gloss --help` / `-h` / `help` print usage to
 * stdout (exit 0), `gloss --version`, `gloss help COMMAND` and `gloss COMMAND --help` print
 * that command's usage; an unknown command says so on stderr and exits 2; a failing
 * command prints `gloss COMMAND: message` on stderr (no stack trace) and exits 1.
 *
 * Each command lives in cli/commands/<name>.ts and exports
 * `run(args: string[]): Promise<number>` (the exit code) and `usage`.
 */
import { readFileSync } from 'node:fs';

interface Command {
  run(args: string[]): Promise<number>;
  usage: string;
}

/** Replaced by the bundler (scripts/build-cli.mjs); read from package.json when run from source. */
declare const __GLOSS_VERSION__: string | undefined;

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  pack: { summary: 'build a knowledge pack from ClaimReview, Wikidata or CSV; validate packs', load: () => import('./commands/pack.ts') },
  match: { summary: 'run the extension’s matcher over HTML or text files (JSON lines out)', load: () => import('./commands/match.ts') },
  eval: { summary: 'evaluate claim retrieval (TREC run file, MAP@k, MRR, P@1)', load: () => import('./commands/eval.ts') },
  sync: { summary: 'notes sync: the seeded fault test (soak) and a passphrase check against a CouchDB-protocol server', load: () => import('./commands/sync.ts') },
};

export function version(): string {
  if (typeof __GLOSS_VERSION__ === 'string') return __GLOSS_VERSION__;
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  return [
    'usage: gloss <command> [options]',
    '',
    'Gloss’s matching and pack tools, the same code as the browser extension.',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help     show this help (gloss <command> --help: that command’s)',
    '  -V, --version  show the version',
    '',
  ].join('\n');
}

const isHelp = (a: string | undefined) => a === '-h' || a === '--help';

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    process.stderr.write(usage());
    return 2;
  }
  if (isHelp(name) || (name === 'help' && rest.length === 0)) {
    process.stdout.write(usage());
    return 0;
  }
  if (name === '-V' || name === '--version' || name === 'version') {
    process.stdout.write(`gloss ${version()}\n`);
    return 0;
  }
  const target = name === 'help' ? rest[0]! : name;
  const command = Object.hasOwn(commands, target) ? commands[target] : undefined;
  if (!command) {
    process.stderr.write(`gloss: unknown command '${target}'. Run 'gloss --help' for the list of commands.\n`);
    return 2;
  }
  try {
    const loaded = await command.load();
    if (name === 'help' || rest.some(isHelp)) {
      process.stdout.write(`usage: ${loaded.usage.trimEnd()}\n`);
      return 0;
    }
    return await loaded.run(rest);
  } catch (e) {
    // What went wrong, in one line: a stack trace helps no one using the command.
    process.stderr.write(`gloss ${target}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
