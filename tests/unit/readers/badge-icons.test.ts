/** The toolbar badge's text, and the icons being the ones assets/icon.svg makes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { badgeText } from '../../../background/badge';
import { renderIcon, SIZES } from '../../../scripts/icons.mjs';

const ROOT = join(__dirname, '../../..');

describe('badgeText', () => {
  it('shows the count, nothing for none, and caps what a badge can hold', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(1000)).toBe('999+');
    expect(badgeText(Number.NaN)).toBe('');
  });
});

describe('icons', () => {
  it('are generated from assets/icon.svg at every size (run `npm run icons` after editing it)', () => {
    const svg = readFileSync(join(ROOT, 'assets/icon.svg'), 'utf8');
    for (const size of SIZES as number[]) {
      const committed = readFileSync(join(ROOT, `public/icon/${size}.png`));
      expect(committed.readUInt32BE(16), `width of ${size}.png`).toBe(size);
      expect(Buffer.compare(committed, renderIcon(svg, size) as Buffer), `public/icon/${size}.png is stale`).toBe(0);
    }
  });
});
