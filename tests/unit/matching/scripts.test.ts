import { describe, expect, it } from 'vitest';
import { found, texts } from './helpers.ts';

describe('scripts without spaces', () => {
  it('finds Chinese names inside running text and prefers the longer alias', () => {
    const e = [
      { alias: '北京', entityId: 'beijing' },
      { alias: '北京大学', entityId: 'pku' },
    ];
    expect(found(e, '他在北京工作，后来去了北京大学。')).toEqual([
      ['北京', ['beijing']],
      ['北京大学', ['pku']],
    ]);
  });

  it('finds Japanese names next to kana particles', () => {
    expect(texts([{ alias: '東京', entityId: 'tokyo' }], '東京都は東京で')).toEqual(['東京', '東京']);
  });

  it('finds Thai names but not across a combining vowel', () => {
    const bangkok = [{ alias: 'กรุงเทพ', entityId: 'bkk' }];
    expect(texts(bangkok, 'ฉันอยู่กรุงเทพมานาน')).toEqual(['กรุงเทพ']);
    // "ก" followed by the combining vowel sign "ิ": no boundary before a mark.
    expect(texts([{ alias: 'ก', entityId: 'x' }], 'กิน')).toEqual([]);
  });

  it('uses dictionary word breaks for Thai and Khmer: no match inside a longer word', () => {
    // "กรุง" is a prefix of the single word "กรุงเทพ" (Bangkok).
    expect(texts([{ alias: 'กรุง', entityId: 'krung' }], 'ฉันอยู่กรุงเทพมานาน')).toEqual([]);
    expect(texts([{ alias: 'รัฐมนตรี', entityId: 'minister' }], 'นายกรัฐมนตรีประยุทธ์')).toEqual(['รัฐมนตรี']);
    expect(texts([{ alias: 'ភ្នំពេញ', entityId: 'phnom-penh' }], 'ខ្ញុំនៅភ្នំពេញ')).toEqual(['ភ្នំពេញ']);
  });

  it('handles a lone Thai word among Latin text (only Thai runs are segmented)', () => {
    const text = `${'Zohran Mamdani said. '.repeat(2000)}Languages: English ไทย Deutsch`;
    const ms = found(
      [
        { alias: 'ไทย', entityId: 'thai' },
        { alias: 'Mamdani', entityId: 'm' },
      ],
      text,
    );
    expect(ms).toHaveLength(2001);
    expect(ms[2000]).toEqual(['ไทย', ['thai']]);
  });

  it('finds Korean names before attached particles', () => {
    expect(texts([{ alias: '서울', entityId: 'seoul' }], '서울에서 만나요')).toEqual(['서울']);
  });
});

describe('non-Latin scripts with spaces', () => {
  it('matches Cyrillic case-insensitively, whole words only', () => {
    const e = [{ alias: 'Москва', entityId: 'moscow' }];
    expect(texts(e, 'Город МОСКВА и москва.')).toEqual(['МОСКВА', 'москва']);
    expect(texts(e, 'Москвабад')).toEqual([]);
  });

  it('treats a Cyrillic acronym as case-sensitive', () => {
    expect(texts([{ alias: 'ФСБ', entityId: 'fsb' }], 'ФСБ и фсб')).toEqual(['ФСБ']);
  });

  it('matches Greek with tonos and final sigma folded', () => {
    expect(texts([{ alias: 'Αθήνα', entityId: 'athens' }], 'ΑΘΗΝΑ και Αθηνα')).toEqual(['ΑΘΗΝΑ', 'Αθηνα']);
    expect(texts([{ alias: 'Σωκράτης', entityId: 'socrates' }], 'ο ΣΩΚΡΑΤΗΣ')).toEqual(['ΣΩΚΡΑΤΗΣ']);
  });

  it('matches Arabic words and respects word boundaries', () => {
    const e = [{ alias: 'القاهرة', entityId: 'cairo' }];
    expect(texts(e, 'زرت القاهرة، ثم عدت')).toEqual(['القاهرة']);
    expect(texts(e, 'زرت القاهرةي')).toEqual([]);
  });

  it('does not end a Devanagari match before a combining vowel sign', () => {
    const e = [{ alias: 'दिल्ली', entityId: 'delhi' }];
    expect(texts(e, 'नई दिल्ली में')).toEqual(['दिल्ली']);
    // "दिल" is a prefix of "दिल्ली" up to a virama: not a word end.
    expect(texts([{ alias: 'दिल', entityId: 'x' }], 'दिल्ली')).toEqual([]);
  });
});
