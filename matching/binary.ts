/**
 * Section layout for serialised matchers: a header of Uint32 words followed by
 * typed-array sections, each padded to a 4-byte boundary so that loading can
 * create views over the bytes instead of copying or parsing them.
 */

export type Section = Uint8Array | Uint16Array | Uint32Array | Int32Array;

export function writeSections(header: Uint32Array, sections: readonly Section[]): Uint8Array {
  let size = header.byteLength + sections.length * 4;
  for (const s of sections) size += pad4(s.byteLength);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(new Uint8Array(header.buffer, header.byteOffset, header.byteLength), 0);
  let at = header.byteLength;
  for (const s of sections) {
    view.setUint32(at, s.byteLength, true);
    at += 4;
    out.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength), at);
    at += pad4(s.byteLength);
  }
  return out;
}

export class SectionReader {
  private at: number;
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    headerBytes: number,
  ) {
    this.at = headerBytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private next(): { offset: number; length: number } {
    if (this.at + 4 > this.bytes.byteLength) throw new Error('matcher bytes truncated');
    const length = this.view.getUint32(this.at, true);
    const offset = this.bytes.byteOffset + this.at + 4;
    if (this.at + 4 + length > this.bytes.byteLength) throw new Error('matcher bytes truncated');
    this.at += 4 + pad4(length);
    return { offset, length };
  }

  u8(): Uint8Array {
    const { offset, length } = this.next();
    return new Uint8Array(this.bytes.buffer, offset, length);
  }
  u16(): Uint16Array {
    const { offset, length } = this.next();
    return new Uint16Array(this.bytes.buffer, offset, length >>> 1);
  }
  u32(): Uint32Array {
    const { offset, length } = this.next();
    return new Uint32Array(this.bytes.buffer, offset, length >>> 2);
  }
  i32(): Int32Array {
    const { offset, length } = this.next();
    return new Int32Array(this.bytes.buffer, offset, length >>> 2);
  }
}

/** Typed-array views need aligned offsets; copy only when the caller's bytes are not aligned. */
export function aligned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}
