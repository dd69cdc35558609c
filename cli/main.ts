/**
 * `gloss` command dispatcher. Each command lives in cli/commands/<name>.ts and
 * exports `run(args: string[]): Promise<number>` (the exit code) and `usage`.
 */
interface Command {
  run(args: string[]): Promise<number>;
  usage: string;
}

const commands: Record<string, () => Promise<Command>> = {
  pack: () => import('./commands/pack.ts'),
  match: () => import('./commands/match.ts'),
  eval: () => import('./commands/eval.ts'),
  sync: () => import('./commands/sync.ts'),
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const load = name ? commands[name] : undefined;
  if (!load) {
    const usages = await Promise.all(Object.values(commands).map(async (l) => (await l().catch(() => null))?.usage));
    process.stderr.write(`usage: gloss <command> ...\n\n${usages.filter(Boolean).join('\n')}\n`);
    return name ? 2 : 0;
  }
  const command = await load();
  return command.run(rest);
}
