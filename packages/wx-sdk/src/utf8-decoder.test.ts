import { describe, expect, it } from 'vitest';
import { Utf8Decoder, decodeUtf8 } from './utf8-decoder.js';

const SAMPLES = ['**BGP实验ping不通怎么办**', 'a', 'é', '中', '😀', 'ping 不通？检查 `display bgp peer` 😀𠜎 ok', '\u0000\u007f\u0080\u07ff\u0800\uffff'];

// Node's TextDecoder is the reference (WHATWG); ignoreBOM keeps a leading U+FEFF like ours does.
const reference = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

function decodeInPieces(bytes: Uint8Array, cuts: number[]): string {
  const d = new Utf8Decoder();
  let out = '';
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    out += d.decode(bytes.subarray(from, cut), true);
    from = cut;
  }
  return out + d.decode();
}

describe('Utf8Decoder', () => {
  it('decodes a chunk split at every byte position into the same text', () => {
    for (const text of SAMPLES) {
      const bytes = new TextEncoder().encode(text);
      for (let cut = 0; cut <= bytes.length; cut++) expect(decodeInPieces(bytes, [cut]), `${text} cut at ${cut}`).toBe(text);
    }
  });

  it('decodes one byte at a time', () => {
    const text = SAMPLES.join('|');
    const bytes = new TextEncoder().encode(text);
    expect(decodeInPieces(bytes, [...bytes.keys()].slice(1))).toBe(text);
  });

  it('accepts an ArrayBuffer (what SocketTask delivers) and a view into a larger buffer', () => {
    const bytes = new TextEncoder().encode('xx中文yy');
    expect(decodeUtf8(bytes.buffer.slice(2, 8))).toBe('中文');
    expect(decodeUtf8(new Uint8Array(bytes.buffer, 2, 6))).toBe('中文');
  });

  it('replaces invalid and truncated sequences exactly as TextDecoder does, however the bytes are split', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const interesting = [0x00, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xa0, 0xed, 0x9f, 0xef, 0xf0, 0x90, 0xf4, 0x8f, 0xf5, 0xff];
    for (let n = 0; n < 400; n++) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(rand() * 12) }, () =>
        rand() < 0.7 ? interesting[Math.floor(rand() * interesting.length)]! : Math.floor(rand() * 256),
      );
      const expected = reference(bytes);
      expect(decodeUtf8(bytes), `bytes ${[...bytes]}`).toBe(expected);
      const cut = Math.floor(rand() * (bytes.length + 1));
      expect(decodeInPieces(bytes, [cut]), `bytes ${[...bytes]} cut at ${cut}`).toBe(expected);
    }
  });

  it('flushes an unfinished sequence as U+FFFD at the end of the stream', () => {
    const d = new Utf8Decoder();
    expect(d.decode(new Uint8Array([0xe4, 0xb8]), true)).toBe('');
    expect(d.decode()).toBe('\ufffd');
  });

  it('decodes long text (no call-stack limit)', () => {
    const text = '中'.repeat(100_000);
    expect(decodeUtf8(new TextEncoder().encode(text))).toBe(text);
  });
});
