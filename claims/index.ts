/**
 * Gloss claim matcher: finds sentences that state a claim that has already
 * been fact-checked. Plain BM25 over claim text and title (with tweet
 * clean-up) ranks the claims; a logistic confidence over match features
 * decides what is flagged on a page. One index per language, each with its
 * language's analyser (claims/languages.ts). The BM25F + linear reranker of
 * v1 is kept for experiments (`rank(q, k, { rankWeights })`) but no longer
 * ranks: it did not beat plain BM25 on both held-out sets (docs/benchmarks.md).
 *
 * Pure TypeScript: no browser API, runs in the extension background, the CLI
 * and Vitest. The index serializes to compact typed arrays.
 */
import { decodeStrings, encodeStrings, packSections, uintArray, unpackSections, type Section } from './binary.ts';
import { CLAIM_LANGUAGES, type ClaimLanguage } from './languages.ts';
import { cleanSocialText, fold, splitCamelCase, splitSentences, stem, STOP_WORDS, tokenize, type Token } from './text.ts';
import { BM25, BM25F, CONF_WEIGHTS, FEATURE_NAMES, GATES, RANK_WEIGHTS, RERANK_DEPTH, THRESHOLD } from './weights.ts';

export { splitSentences } from './text.ts';
export { CLAIM_LANGUAGES, claimLanguage, type ClaimLanguage } from './languages.ts';
export type { SentenceSpan } from './text.ts';

export interface ClaimDoc {
  id: string;
  text: string;
  title?: string;
}

export interface SentenceMatch {
  /** UTF-16 offsets of the sentence in the text given to matchSentences. */
  start: number;
  end: number;
  sentence: string;
  /** Best first; only candidates at or above the threshold. */
  candidates: { id: string; confidence: number; sharedTerms: string[] }[];
}

export interface RankOptions {
  /** Overrides for fitting and experiments (claims/fit). */
  rankWeights?: readonly number[];
  depth?: number;
  bm25f?: typeof BM25F;
  /** Experimental per-term query weights (term → multiplier). */
  termWeights?: Map<string, number>;
}

/** A scored candidate with its reranking features (for fitting and debugging). */
export interface Candidate {
  doc: number;
  id: string;
  bm25: number;
  features: Float64Array;
  score: number;
}

const FORMAT_VERSION = 2;
const FIELD_TITLE = 2;
const FLAG_CAP = 1;
const NEG_TEXT = 1;
const NEG_TITLE = 2;
export const NUM_FEATURES = FEATURE_NAMES.length;

type UintArray = Uint8Array | Uint16Array | Uint32Array;

interface Meta {
  nDocs: number;
  nTerms: number;
  avgText: number;
  avgTitle: number;
  lang: ClaimLanguage;
}

interface AnalysedQuery {
  /** Unique known term ids with their query term frequency. */
  terms: number[];
  qtf: number[];
  termSet: Set<number>;
  bigrams: Set<number>;
  caps: Set<number>;
  nums: Set<string>;
  neg: boolean;
  idfSum: number;
  tokens: Token[];
  /** The cleaned text the tokens' offsets point into. */
  text: string;
  /** Distinct content terms, known to the index or not. */
  contentCount: number;
  /** Per-term multipliers of the query weight (parallel to terms). */
  tw?: number[];
  /** The text links a picture or video (pic.twitter.com, youtu.be...). */
  media: boolean;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Drops capital flags when most of a text is capitalised (headlines, shouting). */
function analyse(text: string, lang: ClaimLanguage): Token[] {
  const toks = tokenize(text, lang);
  let words = 0;
  let caps = 0;
  for (const t of toks) {
    if (t.stop || t.num) continue;
    words++;
    if (t.cap) caps++;
  }
  if (words >= 4 && caps / words > 0.6) for (const t of toks) t.cap = false;
  return toks;
}

export class ClaimIndex {
  private readonly ids: string[];
  private readonly vocab: string[];
  private readonly termIndex: Map<string, number>;
  private readonly df: Uint32Array;
  private readonly idf: Float32Array;
  private readonly postStart: Uint32Array;
  private readonly postDoc: UintArray;
  private readonly postTfText: Uint8Array;
  private readonly postTfTitle: Uint8Array;
  private readonly lenText: Uint16Array;
  private readonly lenTitle: Uint16Array;
  private readonly seqStart: Uint32Array;
  private readonly seq: UintArray;
  /** bit 0: capitalised in the claim text; bit 1: title field. */
  private readonly seqFlags: Uint8Array;
  private readonly docFlags: Uint8Array;
  private readonly isNum: Uint8Array;
  private readonly maxIdf: number;
  /** Terms that say a claim is about a picture or a video. */
  private readonly mediaTerm: Uint8Array;
  private readonly meta: Meta;
  // Scratch space reused across queries.
  private readonly acc: Float64Array;
  private readonly stamp: Uint32Array;
  private stampNo = 0;

  private constructor(s: {
    ids: string[];
    vocab: string[];
    df: Uint32Array;
    postStart: Uint32Array;
    postDoc: UintArray;
    postTfText: Uint8Array;
    postTfTitle: Uint8Array;
    lenText: Uint16Array;
    lenTitle: Uint16Array;
    seqStart: Uint32Array;
    seq: UintArray;
    seqFlags: Uint8Array;
    docFlags: Uint8Array;
    meta: Meta;
  }) {
    this.ids = s.ids;
    this.vocab = s.vocab;
    this.df = s.df;
    this.postStart = s.postStart;
    this.postDoc = s.postDoc;
    this.postTfText = s.postTfText;
    this.postTfTitle = s.postTfTitle;
    this.lenText = s.lenText;
    this.lenTitle = s.lenTitle;
    this.seqStart = s.seqStart;
    this.seq = s.seq;
    this.seqFlags = s.seqFlags;
    this.docFlags = s.docFlags;
    this.meta = s.meta;
    this.termIndex = new Map();
    this.vocab.forEach((t, i) => this.termIndex.set(t, i));
    const n = this.meta.nDocs;
    this.idf = new Float32Array(this.vocab.length);
    this.isNum = new Uint8Array(this.vocab.length);
    for (let t = 0; t < this.vocab.length; t++) {
      const df = this.df[t]!;
      this.idf[t] = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      this.isNum[t] = /^\d/u.test(this.vocab[t]!) ? 1 : 0;
    }
    this.maxIdf = Math.log(1 + (n + 0.5) / 0.5);
    this.mediaTerm = new Uint8Array(this.vocab.length);
    for (const w of ['photo', 'video', 'meme', 'gif', 'imag', 'footag']) {
      const t = this.termIndex.get(w);
      if (t !== undefined) this.mediaTerm[t] = 1;
    }
    this.acc = new Float64Array(n);
    this.stamp = new Uint32Array(this.vocab.length);
  }

  get size(): number {
    return this.meta.nDocs;
  }

  // -------------------------------------------------------------------------
  // Building and serialization
  // -------------------------------------------------------------------------

  /** The language whose analyser built this index. */
  get lang(): ClaimLanguage {
    return this.meta.lang;
  }

  static build(docs: Iterable<ClaimDoc>, opts: { lang?: ClaimLanguage } = {}): ClaimIndex {
    const lang = opts.lang ?? 'en';
    const ids: string[] = [];
    const vocab: string[] = [];
    const termIndex = new Map<string, number>();
    const idOf = (t: string): number => {
      let i = termIndex.get(t);
      if (i === undefined) {
        i = vocab.length;
        vocab.push(t);
        termIndex.set(t, i);
      }
      return i;
    };
    const seqs: number[] = [];
    const flags: number[] = [];
    const seqStart: number[] = [0];
    const lenText: number[] = [];
    const lenTitle: number[] = [];
    const docFlags: number[] = [];
    // term -> list of [doc, tfText, tfTitle]
    const postings: number[][] = [];
    const seen = new Set<string>();
    for (const doc of docs) {
      if (seen.has(doc.id)) throw new Error(`duplicate claim id ${doc.id}`);
      seen.add(doc.id);
      const d = ids.length;
      ids.push(doc.id);
      const tf = new Map<number, [number, number]>();
      let negFlags = 0;
      let lt = 0;
      let lti = 0;
      const fields: [string, number][] = [[doc.text, 0], [doc.title ?? '', FIELD_TITLE]];
      for (const [text, field] of fields) {
        for (const tok of analyse(text, lang)) {
          if (tok.neg) negFlags |= field === FIELD_TITLE ? NEG_TITLE : NEG_TEXT;
          if (tok.stop) continue;
          const t = idOf(tok.term);
          seqs.push(t);
          flags.push(field | (tok.cap && field !== FIELD_TITLE ? FLAG_CAP : 0));
          let e = tf.get(t);
          if (!e) tf.set(t, (e = [0, 0]));
          if (field === FIELD_TITLE) {
            e[1]++;
            lti++;
          } else {
            e[0]++;
            lt++;
          }
        }
      }
      seqStart.push(seqs.length);
      lenText.push(Math.min(lt, 0xffff));
      lenTitle.push(Math.min(lti, 0xffff));
      docFlags.push(negFlags);
      for (const [t, [a, b]] of tf) {
        (postings[t] ??= []).push(d, Math.min(a, 255), Math.min(b, 255));
      }
    }
    const nDocs = ids.length;
    const nTerms = vocab.length;
    const postStart = new Uint32Array(nTerms + 1);
    const df = new Uint32Array(nTerms);
    let total = 0;
    for (let t = 0; t < nTerms; t++) {
      postStart[t] = total;
      const n = (postings[t]?.length ?? 0) / 3;
      df[t] = n;
      total += n;
    }
    postStart[nTerms] = total;
    const postDoc = uintArray(total, Math.max(0, nDocs - 1));
    const postTfText = new Uint8Array(total);
    const postTfTitle = new Uint8Array(total);
    for (let t = 0; t < nTerms; t++) {
      const p = postings[t] ?? [];
      let o = postStart[t]!;
      for (let i = 0; i < p.length; i += 3, o++) {
        postDoc[o] = p[i]!;
        postTfText[o] = p[i + 1]!;
        postTfTitle[o] = p[i + 2]!;
      }
    }
    const seq = uintArray(seqs.length, Math.max(0, nTerms - 1));
    seq.set(seqs);
    const sum = (a: number[]): number => a.reduce((x, y) => x + y, 0);
    return new ClaimIndex({
      ids,
      vocab,
      df,
      postStart,
      postDoc,
      postTfText,
      postTfTitle,
      lenText: Uint16Array.from(lenText),
      lenTitle: Uint16Array.from(lenTitle),
      seqStart: Uint32Array.from(seqStart),
      seq,
      seqFlags: Uint8Array.from(flags),
      docFlags: Uint8Array.from(docFlags),
      meta: {
        nDocs,
        nTerms,
        avgText: nDocs ? sum(lenText) / nDocs : 1,
        avgTitle: nDocs ? sum(lenTitle) / nDocs : 1,
        lang,
      },
    });
  }

  serialize(): Uint8Array {
    const sections: Record<string, Section> = {
      ids: encodeStrings(this.ids),
      vocab: encodeStrings(this.vocab),
      postStart: this.postStart,
      postDoc: this.postDoc,
      postTfText: this.postTfText,
      postTfTitle: this.postTfTitle,
      lenText: this.lenText,
      lenTitle: this.lenTitle,
      seqStart: this.seqStart,
      seq: this.seq,
      seqFlags: this.seqFlags,
      docFlags: this.docFlags,
    };
    return packSections(FORMAT_VERSION, this.meta, sections);
  }

  static load(bytes: Uint8Array): ClaimIndex {
    const { version, meta, sections } = unpackSections(bytes);
    if (version !== FORMAT_VERSION) throw new Error(`claim index: unsupported version ${version}`);
    const m = meta as Meta;
    if (!(CLAIM_LANGUAGES as readonly string[]).includes(m.lang)) throw new Error(`claim index: unknown language ${String(m.lang)}`);
    const get = (name: string): Section => {
      const s = sections.get(name);
      if (!s) throw new Error(`claim index: missing section ${name}`);
      return s;
    };
    // One checked getter per array type; postings and sequences take the narrowest width that fits.
    const typed =
      <T extends Section>(...types: (new (n: number) => T)[]) =>
      (name: string): T => {
        const s = get(name);
        if (!types.some((t) => s instanceof t)) throw new Error(`claim index: ${name} has the wrong type`);
        return s as T;
      };
    const u8 = typed(Uint8Array);
    const u16 = typed(Uint16Array);
    const u32 = typed(Uint32Array);
    const uint = typed<UintArray>(Uint8Array, Uint16Array, Uint32Array);
    const postStart = u32('postStart');
    const df = new Uint32Array(m.nTerms);
    for (let t = 0; t < m.nTerms; t++) df[t] = postStart[t + 1]! - postStart[t]!;
    return new ClaimIndex({
      ids: decodeStrings(u8('ids'), m.nDocs),
      vocab: decodeStrings(u8('vocab'), m.nTerms),
      df,
      postStart,
      postDoc: uint('postDoc'),
      postTfText: u8('postTfText'),
      postTfTitle: u8('postTfTitle'),
      lenText: u16('lenText'),
      lenTitle: u16('lenTitle'),
      seqStart: u32('seqStart'),
      seq: uint('seq'),
      seqFlags: u8('seqFlags'),
      docFlags: u8('docFlags'),
      meta: m,
    });
  }

  // -------------------------------------------------------------------------
  // Query analysis and retrieval
  // -------------------------------------------------------------------------

  private analyseQuery(text: string): AnalysedQuery {
    const cleaned = cleanSocialText(text);
    const analysed = analyse(cleaned, this.meta.lang);
    // Run-together hashtags are split with English stop words and stems only.
    const tokens = this.meta.lang === 'en' ? this.splitCompounds(analysed, cleaned, text) : analysed;
    const counts = new Map<number, number>();
    const bigrams = new Set<number>();
    const caps = new Set<number>();
    const nums = new Set<string>();
    const V = this.vocab.length;
    let neg = false;
    const unknown = new Set<string>();
    let unknownIdf = 0;
    let prev = -1;
    let prev2 = -1;
    for (const tok of tokens) {
      if (tok.neg) neg = true;
      if (tok.stop) continue;
      if (tok.num) nums.add(tok.term);
      const t = this.termIndex.get(tok.term);
      if (t === undefined) {
        // A term no claim uses is as rare as can be: it counts against query coverage.
        if (!unknown.has(tok.term)) {
          unknown.add(tok.term);
          unknownIdf += this.maxIdf;
        }
        prev2 = prev;
        prev = -1;
        continue;
      }
      counts.set(t, (counts.get(t) ?? 0) + 1);
      if (tok.cap) caps.add(t);
      // Unordered pairs within a window of three content words.
      if (prev >= 0) bigrams.add(Math.min(prev, t) * V + Math.max(prev, t));
      if (prev2 >= 0) bigrams.add(Math.min(prev2, t) * V + Math.max(prev2, t));
      prev2 = prev;
      prev = t;
    }
    const terms = [...counts.keys()];
    let idfSum = unknownIdf;
    for (const t of terms) idfSum += this.idf[t]!;
    return { terms, qtf: terms.map((t) => counts.get(t)!), termSet: new Set(terms), bigrams, caps, nums, neg, idfSum, tokens, text: cleaned, contentCount: terms.length + unknown.size,
      media: /pic\.twitter\.com|youtu\.?be|instagram\.com|\/video\//iu.test(text) };
  }

  /**
   * Run-together words of social media ("#prayforamazonia", "@chuckschumer",
   * "PNBROCK") that the index does not know are split into two or three words
   * it knows (stop words allowed). Only words from a hashtag or handle, or
   * written in capitals, are split: "context" must not become "con text".
   */
  private splitCompounds(tokens: Token[], text: string, raw: string): Token[] {
    const tags = new Set<string>();
    for (const m of raw.matchAll(/[#@]([\p{L}\p{N}_]{6,})/gu)) {
      for (const w of splitCamelCase(m[1]!).split(/\s+/u)) if (w.length >= 6) tags.add(fold(w));
    }
    const known = (w: string): boolean => STOP_WORDS.has(w) || this.termIndex.has(stem(w));
    const split = (w: string, parts: number): string[] | null => {
      if (this.termIndex.has(stem(w)) && w.length >= 3) return [w];
      if (parts === 1) return null;
      for (let i = w.length - 3; i >= 3; i--) {
        const head = w.slice(0, i);
        if (!known(head)) continue;
        const rest = split(w.slice(i), parts - 1);
        if (rest) return [head, ...rest];
      }
      return null;
    };
    const out: Token[] = [];
    for (const tok of tokens) {
      const written = text.slice(tok.start, tok.end);
      const surface = fold(written);
      const eligible = tags.has(surface) || (written === written.toUpperCase() && written !== surface);
      if (!eligible || tok.stop || tok.num || this.termIndex.has(tok.term) || surface.length < 6 || !/^\p{L}+$/u.test(surface)) {
        out.push(tok);
        continue;
      }
      const parts = split(surface, 3);
      if (!parts || parts.length < 2) {
        out.push(tok);
        continue;
      }
      for (const p of parts) {
        const stop = STOP_WORDS.has(p);
        out.push({ ...tok, term: stop ? p : stem(p), stop });
      }
    }
    return out;
  }

  /** BM25F (or plain BM25 when `plain`) scores into this.acc; returns the touched docs. */
  private score(q: AnalysedQuery, plain: boolean, P: typeof BM25F = BM25F): number[] {
    const touched: number[] = [];
    const acc = this.acc;
    // An index whose claims have no titles has an average title length of 0: keep the ratio finite.
    const avgText = this.meta.avgText || 1;
    const avgTitle = this.meta.avgTitle || 1;
    const avgAll = this.meta.avgText + this.meta.avgTitle || 1;
    for (let i = 0; i < q.terms.length; i++) {
      const t = q.terms[i]!;
      const idf = this.idf[t]!;
      const qw = (q.qtf[i]! > 1 ? 1 + Math.log(q.qtf[i]!) : 1) * (q.tw?.[i] ?? 1);
      const end = this.postStart[t + 1]!;
      for (let o = this.postStart[t]!; o < end; o++) {
        const d = this.postDoc[o]!;
        let tf: number;
        let k1: number;
        if (plain) {
          const len = this.lenText[d]! + this.lenTitle[d]!;
          tf = (this.postTfText[o]! + this.postTfTitle[o]!) / (1 - BM25.b + (BM25.b * len) / avgAll);
          k1 = BM25.k1;
        } else {
          tf =
            (P.textWeight * this.postTfText[o]!) / (1 - P.textB + (P.textB * this.lenText[d]!) / avgText) +
            (P.titleWeight * this.postTfTitle[o]!) / (1 - P.titleB + (P.titleB * this.lenTitle[d]!) / avgTitle);
          k1 = P.k1;
        }
        if (acc[d] === 0) touched.push(d);
        acc[d] = acc[d]! + (qw * idf * tf * (k1 + 1)) / (k1 + tf);
      }
    }
    return touched;
  }

  private topDocs(touched: number[], n: number): { doc: number; score: number }[] {
    const acc = this.acc;
    // Bounded min-heap of the n best (score desc, doc asc) so long posting lists need no full sort.
    const heap: number[] = [];
    const worse = (a: number, b: number): boolean => acc[a]! < acc[b]! || (acc[a] === acc[b] && a > b);
    const down = (i: number): void => {
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
        if (m === i) return;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    };
    for (const d of touched) {
      if (heap.length < n) {
        heap.push(d);
        for (let i = heap.length - 1; i > 0; ) {
          const p = (i - 1) >> 1;
          if (!worse(heap[i]!, heap[p]!)) break;
          [heap[i], heap[p]] = [heap[p]!, heap[i]!];
          i = p;
        }
      } else if (n > 0 && worse(heap[0]!, d)) {
        heap[0] = d;
        down(0);
      }
    }
    const out = heap.map((d) => ({ doc: d, score: acc[d]! }));
    for (const d of touched) acc[d] = 0;
    out.sort((a, b) => b.score - a.score || a.doc - b.doc);
    return out;
  }

  /** Plain BM25 over claim text + title as one field: the evaluation baseline. */
  rankBm25(query: string, k = 10): { id: string; score: number }[] {
    const q = this.analyseQuery(query);
    return this.topDocs(this.score(q, true), k).map((r) => ({ id: this.ids[r.doc]!, score: r.score }));
  }

  private features(q: AnalysedQuery, d: number, bm25: number, top: number, rank: number, out: Float64Array): void {
    const s0 = this.seqStart[d]!;
    const s1 = this.seqStart[d + 1]!;
    const V = this.vocab.length;
    const stampAll = ++this.stampNo;
    const stamp = this.stamp;
    let idfAll = 0;
    let idfAllM = 0;
    let idfText = 0;
    let idfTextM = 0;
    let idfTitle = 0;
    let idfTitleM = 0;
    let capIdf = 0;
    let capIdfM = 0;
    let numsD = 0;
    let numsM = 0;
    let matchedQ = 0;
    let bigrams = 0;
    let bigramsM = 0;
    // First pass: text field terms (stamp = stampAll), second: title (stampAll+1 marks "seen in title").
    const stampTitle = ++this.stampNo;
    for (let i = s0; i < s1; i++) {
      const t = this.seq[i]!;
      const fl = this.seqFlags[i]!;
      const isTitle = (fl & FIELD_TITLE) !== 0;
      const idf = this.idf[t]!;
      const inQ = q.termSet.has(t);
      if (i > s0) {
        const p = this.seq[i - 1]!;
        const pfl = this.seqFlags[i - 1]!;
        if ((pfl & FIELD_TITLE) === (fl & FIELD_TITLE)) {
          bigrams++;
          if (q.bigrams.has(Math.min(p, t) * V + Math.max(p, t))) bigramsM++;
        }
      }
      if (isTitle) {
        if (stamp[t] !== stampTitle) {
          if (stamp[t] !== stampAll) {
            // First time this term is seen in the document at all.
            idfAll += idf;
            if (inQ) idfAllM += idf;
            if (inQ) matchedQ++;
          }
          idfTitle += idf;
          if (inQ) idfTitleM += idf;
          stamp[t] = stampTitle;
        }
      } else if (stamp[t] !== stampAll) {
        stamp[t] = stampAll;
        idfAll += idf;
        idfText += idf;
        if (inQ) {
          idfAllM += idf;
          idfTextM += idf;
          matchedQ++;
        }
        if (fl & FLAG_CAP) {
          capIdf += idf;
          if (inQ) capIdfM += idf;
        }
        if (this.isNum[t]) {
          numsD++;
          if (q.nums.has(this.vocab[t]!)) numsM++;
        }
      }
    }
    let qIdfM = 0;
    for (const t of q.terms) if (stamp[t] === stampAll || stamp[t] === stampTitle) qIdfM += this.idf[t]!;
    const len = s1 - s0;
    const negD = (this.docFlags[d]! & NEG_TEXT) !== 0;
    out[0] = 1;
    out[1] = bm25;
    out[2] = top > 0 ? bm25 / top : 0;
    out[3] = q.idfSum > 0 ? qIdfM / q.idfSum : 0;
    out[4] = idfAll > 0 ? idfAllM / idfAll : 0;
    out[5] = idfText > 0 ? idfTextM / idfText : 0;
    out[6] = idfTitle > 0 ? idfTitleM / idfTitle : 0;
    out[7] = bigrams > 0 ? bigramsM / bigrams : 0;
    out[8] = capIdf > 0 ? capIdfM / capIdf : 0;
    out[9] = numsD > 0 ? numsM / numsD : 0;
    out[10] = numsD > 0 && q.nums.size > 0 && numsM === 0 ? 1 : 0;
    out[11] = negD !== q.neg ? 1 : 0;
    out[12] = Math.log(1 + len);
    out[13] = Math.log(1 + matchedQ);
    out[14] = Math.log(1 + rank);
    out[15] = out[3] + out[4] > 0 ? (2 * out[3] * out[4]) / (out[3] + out[4]) : 0;
    out[16] = qIdfM / 10;
    out[17] = this.plainBm25(q, d);
    let media = 0;
    for (let i = s0; i < s1; i++) if (this.mediaTerm[this.seq[i]!]) media = 1;
    out[18] = media;
    out[19] = q.media ? media : 0;
  }

  /** Plain BM25 (claim + title as one field) of one document, from the postings. */
  private plainBm25(q: AnalysedQuery, d: number): number {
    const avgAll = this.meta.avgText + this.meta.avgTitle;
    const len = this.lenText[d]! + this.lenTitle[d]!;
    let score = 0;
    for (let i = 0; i < q.terms.length; i++) {
      const t = q.terms[i]!;
      let lo = this.postStart[t]!;
      let hi = this.postStart[t + 1]! - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const md = this.postDoc[mid]!;
        if (md < d) lo = mid + 1;
        else if (md > d) hi = mid - 1;
        else {
          const tf = (this.postTfText[mid]! + this.postTfTitle[mid]!) / (1 - BM25.b + (BM25.b * len) / avgAll);
          const qw = q.qtf[i]! > 1 ? 1 + Math.log(q.qtf[i]!) : 1;
          score += (qw * this.idf[t]! * tf * (BM25.k1 + 1)) / (BM25.k1 + tf);
          break;
        }
      }
    }
    return score;
  }

  /** The `depth` best claims by BM25F (or plain BM25), with their features, ordered by `weights`. */
  private candidatesOf(q: AnalysedQuery, depth: number, weights: readonly number[], P: typeof BM25F = BM25F, plain = false): Candidate[] {
    const top = this.topDocs(this.score(q, plain, P), depth);
    const best = top[0]?.score ?? 0;
    const out: Candidate[] = top.map((r, i) => {
      const f = new Float64Array(NUM_FEATURES);
      this.features(q, r.doc, r.score, best, i, f);
      let s = 0;
      for (let j = 0; j < NUM_FEATURES; j++) s += weights[j]! * f[j]!;
      return { doc: r.doc, id: this.ids[r.doc]!, bm25: r.score, features: f, score: s };
    });
    out.sort((a, b) => b.score - a.score || a.doc - b.doc);
    return out;
  }

  /** The reranked candidates with their features (for fitting and debugging). */
  explain(query: string, opts: RankOptions = {}): Candidate[] {
    const q = this.analyseQuery(query);
    if (opts.termWeights) q.tw = q.terms.map((t) => opts.termWeights!.get(this.vocab[t]!) ?? 1);
    return this.candidatesOf(q, opts.depth ?? RERANK_DEPTH, opts.rankWeights ?? RANK_WEIGHTS, opts.bm25f);
  }

  /**
   * The claims most likely to be the one `query` states, best first: plain
   * BM25 (what ships), or with `rankWeights` the v1 BM25F + linear reranker
   * (kept for the benchmark's comparison and for claims/fit).
   */
  rank(query: string, k = 10, opts: RankOptions = {}): { id: string; score: number }[] {
    if (!opts.rankWeights && !opts.bm25f && !opts.termWeights) return this.rankBm25(query, k);
    const q = this.analyseQuery(query);
    const depth = opts.depth ?? RERANK_DEPTH;
    const out = this.candidatesOf(q, depth, opts.rankWeights ?? RANK_WEIGHTS, opts.bm25f)
      .slice(0, k)
      .map((x) => ({ id: x.id, score: x.score }));
    if (k > depth && out.length === depth) {
      // Beyond the reranked head, the BM25F order, scored below every reranked claim.
      const floor = Math.min(...out.map((x) => x.score));
      const rest = this.topDocs(this.score(q, false, opts.bm25f), k).slice(depth);
      rest.forEach((r, i) => out.push({ id: this.ids[r.doc]!, score: floor - 1 - i * 1e-3 }));
    }
    return out;
  }

  /** Confidence in [0, 1] that the candidate's claim is what the query states. */
  private confidence(f: Float64Array): number {
    let s = 0;
    for (let j = 0; j < NUM_FEATURES; j++) s += CONF_WEIGHTS[j]! * f[j]!;
    return sigmoid(s);
  }

  /**
   * Sentences of `text` that state a known claim: each sentence is ranked and
   * kept if a candidate's confidence reaches the threshold.
   */
  matchSentences(text: string, opts: { threshold?: number; maxPerSentence?: number } = {}): SentenceMatch[] {
    const threshold = opts.threshold ?? THRESHOLD;
    const maxPer = opts.maxPerSentence ?? 3;
    const out: SentenceMatch[] = [];
    for (const s of splitSentences(text, this.meta.lang)) {
      const q = this.analyseQuery(s.text);
      // Gate 1: a label or heading fragment ("Privacy Policy", "Middle East") states no claim.
      if (q.contentCount < GATES.minSentenceTerms || q.terms.length < GATES.minSharedTerms) continue;
      const cands = this.candidatesOf(q, GATES.depth, RANK_WEIGHTS, BM25F, true);
      const kept: SentenceMatch['candidates'] = [];
      for (const c of cands) {
        const confidence = this.confidence(c.features);
        if (confidence < threshold) continue;
        // Gate 2: enough of the claim is said, and not only its names.
        if (c.features[4]! < GATES.minClaimCoverage) continue;
        const shared = this.sharedTokens(q, c.doc);
        if (shared.length < GATES.minSharedTerms) continue;
        // A word written in lower case (not a name, not sentence-initial, not a number).
        if (!shared.some((t) => !t.num && /^\p{Ll}/u.test(q.text.slice(t.start, t.end)))) continue;
        kept.push({ id: c.id, confidence, sharedTerms: shared.map((t) => q.text.slice(t.start, t.end)) });
      }
      if (kept.length === 0) continue;
      kept.sort((a, b) => b.confidence - a.confidence);
      out.push({ start: s.start, end: s.end, sentence: s.text, candidates: kept.slice(0, maxPer) });
    }
    return out;
  }

  /** The query's tokens (first occurrence of each term) that doc `d` also has. */
  private sharedTokens(q: AnalysedQuery, d: number): Token[] {
    const docTerms = new Set<number>();
    for (let i = this.seqStart[d]!; i < this.seqStart[d + 1]!; i++) docTerms.add(this.seq[i]!);
    const out: Token[] = [];
    const seen = new Set<string>();
    for (const tok of q.tokens) {
      if (tok.stop) continue;
      const t = this.termIndex.get(tok.term);
      if (t === undefined || !docTerms.has(t) || seen.has(tok.term)) continue;
      seen.add(tok.term);
      out.push(tok);
    }
    return out;
  }
}
