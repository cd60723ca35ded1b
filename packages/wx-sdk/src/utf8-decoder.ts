/**
 * An incremental UTF-8 decoder following the WHATWG Encoding standard (invalid bytes become
 * U+FFFD exactly as `TextDecoder` does), for runtimes without `TextDecoder` — whether mini-program
 * runtimes have it is unconfirmed. A Chinese character is 3 bytes and a chunk boundary may fall
 * inside it: with `stream: true` the unfinished bytes wait for the next chunk.
 *
 * @example
 * const decoder = new Utf8Decoder();
 * let text = '';
 * for (const chunk of chunks) text += decoder.decode(chunk, true);
 * text += decoder.decode(); // flushes (an unfinished sequence becomes U+FFFD)
 */
export class Utf8Decoder {
  private needed = 0;
  private seen = 0;
  private codePoint = 0;
  private lower = 0x80;
  private upper = 0xbf;

  /** Decodes `input`; with `stream` true, keeps an unfinished sequence for the next call. */
  decode(input?: ArrayBuffer | ArrayBufferView, stream = false): string {
    // ArrayBuffer.isView, not instanceof: buffers may come from another realm (a vm, an iframe).
    const bytes =
      input === undefined
        ? new Uint8Array(0)
        : ArrayBuffer.isView(input)
          ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
          : new Uint8Array(input);
    let out = '';
    let units: number[] = [];
    const emit = (cp: number) => {
      if (cp > 0xffff) {
        cp -= 0x10000;
        units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
      } else units.push(cp);
      // fromCharCode.apply takes its arguments on the stack: flush in bounded batches.
      if (units.length >= 4096) {
        out += String.fromCharCode.apply(null, units);
        units = [];
      }
    };
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (this.needed === 0) {
        if (b <= 0x7f) emit(b);
        else if (b >= 0xc2 && b <= 0xdf) this.start(1, b & 0x1f);
        else if (b >= 0xe0 && b <= 0xef) {
          if (b === 0xe0) this.lower = 0xa0;
          if (b === 0xed) this.upper = 0x9f;
          this.start(2, b & 0x0f);
        } else if (b >= 0xf0 && b <= 0xf4) {
          if (b === 0xf0) this.lower = 0x90;
          if (b === 0xf4) this.upper = 0x8f;
          this.start(3, b & 0x07);
        } else emit(0xfffd);
        continue;
      }
      if (b < this.lower || b > this.upper) {
        // The sequence is broken: U+FFFD for what was read, then read this byte afresh.
        this.reset();
        emit(0xfffd);
        i--;
        continue;
      }
      this.lower = 0x80;
      this.upper = 0xbf;
      this.codePoint = (this.codePoint << 6) | (b & 0x3f);
      if (++this.seen === this.needed) {
        emit(this.codePoint);
        this.reset();
      }
    }
    if (!stream && this.needed !== 0) {
      this.reset();
      emit(0xfffd);
    }
    return out + String.fromCharCode.apply(null, units);
  }

  private start(needed: number, bits: number): void {
    this.needed = needed;
    this.codePoint = bits;
  }

  private reset(): void {
    this.needed = 0;
    this.seen = 0;
    this.codePoint = 0;
    this.lower = 0x80;
    this.upper = 0xbf;
  }
}

/** Decodes a whole UTF-8 buffer. */
export function decodeUtf8(input: ArrayBuffer | ArrayBufferView): string {
  return new Utf8Decoder().decode(input);
}
