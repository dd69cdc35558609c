import { afterEach, beforeEach } from 'vitest';
import { GlossDB } from '../../storage/db';

/**
 * A new, empty knowledge base for every test in the calling file (fake-indexeddb,
 * see vitest setup), deleted afterwards. `use` receives each one:
 *
 *   let db: GlossDB;
 *   freshDbPerTest('test-notes', (d) => (db = d));
 */
export function freshDbPerTest(prefix: string, use: (db: GlossDB) => void): void {
  let n = 0;
  let db: GlossDB | undefined;
  beforeEach(() => {
    db = new GlossDB(`${prefix}-${n++}`);
    use(db);
  });
  afterEach(async () => {
    await db?.delete();
  });
}
