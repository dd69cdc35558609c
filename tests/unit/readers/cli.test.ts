/** `gloss` behaves like a Unix tool, from source and as the bundle the package ships. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../cli/main';

async function gloss(args: string[]) {
  let stdout = '';
  let stderr = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('gloss', () => {
  it.each([['--help'], ['-h'], ['help']])('%s prints the usage to stdout and exits 0', async (flag) => {
    const r = await gloss([flag]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: gloss <command>/);
    expect(r.stdout).toMatch(/\n {2}pack +build a knowledge pack/);
    expect(r.stderr).toBe('');
  });

  it('prints its version', async () => {
    expect(await gloss(['--version'])).toEqual({ code: 0, stdout: expect.stringMatching(/^gloss \d+\.\d+\.\d+\n$/), stderr: '' });
  });

  it('says an unknown command is unknown and exits 2', async () => {
    const r = await gloss(['frobnicate']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: "gloss: unknown command 'frobnicate'. Run 'gloss --help' for the list of commands.\n" });
  });

  it('with no command, prints the usage to stderr and exits 2', async () => {
    const r = await gloss([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^usage: gloss/);
  });

  it.each(['pack', 'match', 'eval'])('every subcommand takes --help: %s', async (name) => {
    for (const args of [[name, '--help'], ['help', name], [name, 'x', '-h']]) {
      const r = await gloss(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^usage: gloss ${name}`));
    }
  });

  it('reports a failure in one line on stderr with a non-zero status', async () => {
    const r = await gloss(['pack', 'validate', '/nonexistent/pack.json']);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/nonexistent\/pack\.json/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the bundled gloss', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gloss-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs on plain Node, without tsx', () => {
    const out = join(dir, 'gloss.mjs');
    execFileSync(process.execPath, ['scripts/build-cli.mjs', out], { stdio: 'pipe' });
    const version = spawnSync(process.execPath, [out, '--version'], { encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^gloss \d+\.\d+\.\d+\n$/);
    const match = spawnSync(process.execPath, [out, 'match', '--pack', 'assets/packs/starter.json', 'tests/fixtures/sample/mamdani-nypd-ice.html'], { encoding: 'utf8' });
    expect(match.status, match.stderr).toBe(0);
    expect(match.stdout).toMatch(/"entityId":"gloss-starter:zohran-mamdani"/);
    const unknown = spawnSync(process.execPath, [out, 'nope'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
  });
});
