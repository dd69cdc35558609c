/**
 * A pack publisher's path: `gloss pack build` over the shared ClaimReview and
 * Wikidata records, then the extension imports the result as a reader's file
 * and its records match page text.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { MatcherService } from '../../../background/matchers';
import { SourceSync } from '../../../background/sources-sync';
import { run } from '../../../cli/commands/pack.ts';
import { GlossDB } from '../../../storage/db';

const dir = mkdtempSync(join(tmpdir(), 'gloss-cli-pack-'));
const db = new GlossDB('test-cli-pack');
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await db.delete();
});

describe('a pack built by the CLI', () => {
  it('is imported by the extension and its entities and claims are found', async () => {
    const out = join(dir, 'pack.json');
    const quiet = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const code = await run(['build', '--name', 'Shared records', '--publisher', 'Gloss tests', '--id', 'shared', '-o', out, 'tests/fixtures/claimreview/factckbr-datafeed.json', 'tests/fixtures/wikidata']);
    const valid = await run(['validate', out]);
    quiet.mockRestore();
    expect([code, valid]).toEqual([0, 0]);

    const row = await new SourceSync(db, { fetch: (() => Promise.reject(new Error('offline'))) as typeof fetch }).addFile(readFileSync(out, 'utf8'), 'pack.json');
    expect(row.entityCount).toBeGreaterThan(0);
    expect(row.claimCount).toBe(4);

    const entity = (await db.entities.toArray())[0]!;
    const claim = (await db.claims.toArray())[0]!;
    const matchers = await new MatcherService(db).ready();
    const text = `News today: ${entity.name} was in the headlines. ${claim.text}`;
    expect(matchers.entity.match(text).some((m) => m.entityIds.includes(entity.key))).toBe(true);
    expect(matchers.quote.match(text).some((m) => m.claimIds.includes(claim.key))).toBe(true);
  });
});
