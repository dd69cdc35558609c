import starterJson from '../assets/packs/starter.json';
import { parsePack } from '../packs/validate';
import type { GlossDB } from '../storage/db';
import { ensureBundledPack } from '../storage/knowledge-base';

/** Install the bundled starter pack on first run (and when a new version ships). */
export async function installStarterPack(db: GlossDB): Promise<boolean> {
  const parsed = parsePack(JSON.stringify(starterJson), { sourceName: 'Gloss starter pack' });
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('; '));
  return ensureBundledPack(db, parsed.pack);
}
