import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../../cli/commands/pack.ts';
import { parsePack } from '../../../packs/index.ts';
import { CORPUS, FIXTURES, ROOT } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'gloss-pack-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the command in-process, capturing stdout and stderr. */
async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    const code = await run(args);
    return { code, stdout, stderr };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const claimreview = `${CORPUS}/claimreview/factck-br/factckbr.claimreview.jsonl`;
const wikidata = `${CORPUS}/wikidata/entities`;

describe('gloss pack', () => {
  it('builds from a Wikidata Query Service (SPARQL JSON) response', async () => {
    const out = join(dir, 'wdqs.json');
    const built = await cli(['build', '--name', 'Pseudonyms', '--publisher', 'Wikidata', '--licence', 'CC0-1.0', '-o', out, `${FIXTURES}/wikidata/sparql/results_with_labels_descriptions_and_aliases.json`]);
    expect(built.code, built.stderr).toBe(0);
    const pack = parsePack(readFileSync(out, 'utf8'));
    expect(pack.ok && pack.pack.entities.find((e) => e.id === 'Q6512')?.name).toBe('Søren Kierkegaard');
  });

  it.skipIf(!existsSync(claimreview) || !existsSync(wikidata))('builds from the shared ClaimReview and Wikidata records, then validates the result', async () => {
    const out = join(dir, 'corpus.json');
    const built = await cli(['build', '--name', 'FACTCK.BR + Wikidata', '--publisher', 'Gloss tests', '--licence', 'MIT', '--lang', 'pt,en', '--updated', '2026-01-01', '-o', out, claimreview, wikidata]);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toMatch(/^Wrote .*corpus\.json: 9 entities, 1300 claims, \d+ bytes\n$/);
    expect(built.stderr).toMatch(/warning: .*L525\.json': L525: skipped: a lexeme, not an item/);
    const validated = await cli(['validate', out]);
    expect(validated.code).toBe(0);
    expect(validated.stdout).toBe(`OK ${out}: 'FACTCK.BR + Wikidata' (factck-br-wikidata) by Gloss tests, 9 entities, 1300 claims, updated 2026-01-01\n`);
    const pack = parsePack(readFileSync(out, 'utf8'));
    expect(pack.ok && pack.pack.entities.find((e) => e.id === 'Q328212')?.facts[0]?.text).toBe('Instância de: human');
  });

  it('merges inputs of different formats and reports duplicates', async () => {
    const csv = join(dir, 'extra.csv');
    writeFileSync(csv, 'name,aliases,type,description,id\nNew York City,NYC,place,dup,nyc\nBrooklyn,,place,,brooklyn\n');
    const out = join(dir, 'merged.json');
    const r = await cli(['build', '--name', 'Merged', '--publisher', 'P', '--id', 'merged', '-o', out, join(FIXTURES, 'packs', 'example.json'), csv, join(FIXTURES, 'claimreview', 'factckbr-datafeed.json'), join(FIXTURES, 'claimreview', 'factckbr-graph.json'), join(FIXTURES, 'wikidata', 'Q328212.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`duplicate: entity 'nyc' in ${csv} duplicates one in ${join(FIXTURES, 'packs', 'example.json')}; kept the first`);
    expect(r.stdout).toMatch(/5 entities, 8 claims, \d+ bytes \(1 duplicates dropped\)/);
    const pack = JSON.parse(readFileSync(out, 'utf8'));
    expect(pack.id).toBe('merged');
    expect(pack.entities.find((e: { id: string }) => e.id === 'nyc').description).toBe('');
  });

  it('refuses to build when an input is invalid, naming it', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'gloss-pack', version: 1, id: 'bad', name: 'Bad', publisher: 'P', licence: 'L', updated: '2024-01-01', entities: [{ id: 'x', type: 'person', name: 'X', facts: [{ text: 't', sourceName: 's', sourceUrl: 'data:x' }] }] }));
    const out = join(dir, 'never.json');
    const r = await cli(['build', '--name', 'N', '--publisher', 'P', '-o', out, bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Pack '${bad}': entity 'x' facts[0].sourceUrl: only http(s) links are allowed (got 'data:…')`);
    expect(existsSync(out)).toBe(false);
  });

  it('validate prints the errors and exits 1; usage errors exit 2', async () => {
    const bad = join(dir, 'bad2.json');
    writeFileSync(bad, '{"format":"gloss-pack","version":1,"id":"b","name":"B","publisher":"P","licence":"L","updated":"2024-01-01","entities":[{"id":"a","type":"person","name":"Ann"},{"id":"a","type":"person","name":"Ann Two"}]}');
    const r = await cli(['validate', join(FIXTURES, 'packs', 'example.json'), bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("OK ");
    expect(r.stdout).toContain(`INVALID ${bad}: 1 error\n  Pack '${bad}': entity 'a' (entities[1]): duplicate id, already used at entities[0]\n`);
    expect((await cli(['build', '-o', 'x.json'])).code).toBe(2);
    expect((await cli(['validate'])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
  });

  it('runs through bin/gloss.mjs', () => {
    const stdout = execFileSync(process.execPath, [join(ROOT, 'bin', 'gloss.mjs'), 'pack', 'validate', join(FIXTURES, 'packs', 'example.json')], { encoding: 'utf8' });
    expect(stdout).toMatch(/^OK .*example\.json: 'Example: New York City news' \(example-nyc\) by Gloss, 3 entities, 1 claims/);
  }, 30_000);
});
