import type { GlossDB } from '../storage/db';
import type { MatcherService } from './matchers';

/** What every background feature is given: the one database and the matchers built from it. */
export interface BackgroundDeps {
  db: GlossDB;
  matchers: MatcherService;
  /** Resolves once the starter pack is installed (first run) or found. */
  ready: Promise<unknown>;
}
