/**
 * A tiny container for typed arrays: magic, version, a JSON header naming each
 * section, then the sections' bytes (4-byte aligned, little-endian).
 */

const MAGIC = 0x49434c47; // "GLCI" read as little-endian u32

export type Section = Uint8Array | Uint16Array | Uint32Array | Float32Array;
type Kind = 'u8' | 'u16' | 'u32' | 'f32';

function kindOf(a: Section): Kind {
  if (a instanceof Uint8Array) return 'u8';
  if (a instanceof Uint16Array) return 'u16';
  if (a instanceof Uint32Array) return 'u32';
  return 'f32';
}

interface Header {
  version: number;
  meta: unknown;
  sections: { name: string; kind: Kind; offset: number; length: number }[];
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function packSections(version: number, meta: unknown, sections: Record<string, Section>): Uint8Array {
  if (!littleEndian) throw new Error('big-endian hosts are not supported');
  const entries = Object.entries(sections);
  const header: Header = { version, meta, sections: [] };
  let offset = 0;
  for (const [name, arr] of entries) {
    header.sections.push({ name, kind: kindOf(arr), offset, length: arr.length });
    offset += Math.ceil(arr.byteLength / 4) * 4;
  }
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const headerLen = Math.ceil(headerBytes.length / 4) * 4;
  const out = new Uint8Array(8 + headerLen + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, headerBytes.length, true);
  out.set(headerBytes, 8);
  out.fill(0x20, 8 + headerBytes.length, 8 + headerLen);
  const base = 8 + headerLen;
  entries.forEach(([, arr], i) => {
    out.set(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength), base + header.sections[i]!.offset);
  });
  return out;
}

export function unpackSections(bytes: Uint8Array): { version: number; meta: unknown; sections: Map<string, Section> } {
  if (bytes.length < 8) throw new Error('claim index: truncated');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new Error('claim index: bad magic');
  const headerLen = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLen))) as Header;
  const base = 8 + Math.ceil(headerLen / 4) * 4;
  // Copy into an aligned buffer so typed-array views can be taken directly.
  const body = bytes.slice(base).buffer;
  const sections = new Map<string, Section>();
  for (const s of header.sections) {
    const ctor = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, f32: Float32Array }[s.kind];
    const bytesPer = ctor.BYTES_PER_ELEMENT;
    if (s.offset + s.length * bytesPer > body.byteLength) throw new Error(`claim index: section ${s.name} truncated`);
    sections.set(s.name, new ctor(body, s.offset, s.length));
  }
  return { version: header.version, meta: header.meta, sections };
}

/** Smallest unsigned array that holds values below `max`. */
export function uintArray(length: number, max: number): Uint8Array | Uint16Array | Uint32Array {
  if (max <= 0xff) return new Uint8Array(length);
  if (max <= 0xffff) return new Uint16Array(length);
  return new Uint32Array(length);
}

export function encodeStrings(list: readonly string[]): Uint8Array {
  for (const s of list) if (s.includes('\n')) throw new Error('strings may not contain a newline');
  return new TextEncoder().encode(list.join('\n'));
}

export function decodeStrings(bytes: Uint8Array, count: number): string[] {
  if (count === 0) return [];
  const list = new TextDecoder().decode(bytes).split('\n');
  if (list.length !== count) throw new Error('claim index: string table size mismatch');
  return list;
}
