/**
 * `gloss sync soak` and `gloss sync check`: the extension's own sync code
 * (sync/) run against any CouchDB-protocol server.
 */
import { readFileSync } from 'node:fs';
import { checkDatabase } from '../../sync/check.ts';
import { runSoak } from '../../sync/soak.ts';
import type { ServerAuth } from '../../sync/target.ts';

export const usage = `gloss sync soak --server URL|test --db NAME [--user U --password P | --token T] --schedules N --seed S [--devices 2|3] [--faults] [--iterations N]
    Run the seeded randomised fault test (devices adding, editing, deleting, going
    offline; with --faults also 500s, timeouts, lost answers, 409 storms, stops
    mid-sync) against the server, using databases NAME-SEED-I that it creates and
    deletes. --server test starts the bundled test server (express-pouchdb, in memory;
    dev install only). Prints one summary line; exit status 1 on any lost edit or
    replicas that did not converge.
gloss sync check --server URL --db NAME --passphrase-file F [--user U --password P | --token T]
    Say whether the database opens with the passphrase in F, and how many notes it holds.`;

type Args = Record<string, string | true>;

function parse(args: string[]): Args {
  const out: Args = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const next = args[i + 1];
    if (a === '--faults') out.faults = true;
    else if (next === undefined || next.startsWith('--')) throw new Error(`${a} needs a value`);
    else {
      out[a.slice(2)] = next;
      i++;
    }
  }
  return out;
}

function authOf(a: Args): ServerAuth {
  if (typeof a.token === 'string') return { kind: 'bearer', token: a.token };
  if (typeof a.user === 'string') return { kind: 'basic', user: a.user, password: typeof a.password === 'string' ? a.password : '' };
  return { kind: 'none' };
}

const int = (v: string | true | undefined, name: string, min: number, max: number, dflt?: number): number => {
  if (v === undefined && dflt !== undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
};

async function soak(a: Args): Promise<number> {
  if (typeof a.server !== 'string' || typeof a.db !== 'string') throw new Error('--server and --db are required');
  const schedules = int(a.schedules, 'schedules', 1, 100_000);
  const seed = int(a.seed, 'seed', 0, 2 ** 31, 1);
  const devices = int(a.devices, 'devices', 2, 3, 3) as 2 | 3;
  const iterations = int(a.iterations, 'iterations', 1000, 10_000_000, 600_000);
  let url = a.server;
  let stop = async () => {};
  if (url === 'test') {
    const { startTestCouch } = await import('../../scripts/couch-test-server.ts');
    const couch = await startTestCouch();
    url = couch.url;
    stop = couch.close;
  }
  const started = Date.now();
  try {
    const s = await runSoak({
      url,
      db: a.db,
      auth: authOf(a),
      schedules,
      seed,
      devices,
      faults: a.faults === true,
      fetch,
      iterations,
      onSchedule: (i, sum) => {
        // Progress on stderr (stdout keeps the one summary line): in place on a terminal, a line per 50 otherwise.
        if (process.stderr.isTTY && (i + 1) % 10 === 0) process.stderr.write(`\r${i + 1}/${schedules} schedules, ${sum.lost} lost, ${sum.diverged} diverged`);
        else if (!process.stderr.isTTY && (i + 1) % 50 === 0) process.stderr.write(`${i + 1}/${schedules} schedules, ${sum.lost} lost, ${sum.diverged} diverged\n`);
      },
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    for (const p of s.problems) process.stderr.write(`gloss sync soak: ${p}\n`);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `schedules=${s.schedules} devices=${devices} faults=${a.faults === true ? s.faults : 'off'} acknowledged=${s.acknowledged} lost=${s.lost} converged=${s.converged}/${s.schedules} conflict_copies=${s.conflictCopies} requests=${s.requests} seconds=${secs}\n`,
    );
    return s.lost || s.diverged ? 1 : 0;
  } finally {
    await stop();
  }
}

async function check(a: Args): Promise<number> {
  if (typeof a.server !== 'string' || typeof a.db !== 'string' || typeof a['passphrase-file'] !== 'string') throw new Error('--server, --db and --passphrase-file are required');
  const passphrase = readFileSync(a['passphrase-file'], 'utf8').replace(/\r?\n$/, '');
  const r = await checkDatabase({ url: a.server, db: a.db, auth: authOf(a) }, passphrase, fetch);
  process.stdout.write(`The passphrase opens ${a.db}: ${r.notes} notes, ${r.deleted} deleted, ${r.conflicted} with conflicting revisions, ${r.unreadable} unreadable.\n`);
  return r.unreadable ? 1 : 0;
}

export async function run(args: string[]): Promise<number> {
  const [what, ...rest] = args;
  try {
    if (what === 'soak') return await soak(parse(rest));
    if (what === 'check') return await check(parse(rest));
  } catch (e) {
    process.stderr.write(`gloss sync ${what}: ${(e as Error).message}\n`);
    return 1;
  }
  process.stderr.write(`usage: ${usage}\n`);
  return 2;
}
