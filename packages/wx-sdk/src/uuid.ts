/** Gives `length` cryptographically random bytes, or null where the platform has no source. */
export type RandomBytes = (length: number) => Promise<Uint8Array | null>;

/** A UUID and whether its randomness was cryptographically secure. */
export interface GeneratedUuid {
  id: string;
  secure: boolean;
}

let warned = false;

function weakBytes(length: number): Uint8Array {
  // Math.random mixed with the clock: unique enough for ids, but guessable. Said so once, below.
  const bytes = new Uint8Array(length);
  let t = Date.now();
  for (let i = 0; i < length; i++) {
    bytes[i] = (Math.floor(Math.random() * 256) ^ t) & 0xff;
    t = Math.floor(t / 256) || Date.now() + i;
  }
  return bytes;
}

/** Writes 16 bytes as an RFC 4122 version-4 UUID (sets the version and variant bits). */
export function formatUuid(bytes: Uint8Array): string {
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  let hex = '';
  for (let i = 0; i < 16; i++) hex += (bytes[i]! + 0x100).toString(16).slice(1);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A version-4 UUID from the platform's secure random source (`wx.getRandomValues`, base library
 * 2.15.0, or `crypto.getRandomValues`), else from Math.random and the clock, with a one-time
 * `[wx-sdk]` warning. Never rejects.
 */
export async function uuidV4(randomBytes: RandomBytes | undefined): Promise<GeneratedUuid> {
  let bytes: Uint8Array | null = null;
  try {
    bytes = randomBytes ? await randomBytes(16) : null;
  } catch {
    bytes = null;
  }
  if (bytes && bytes.length >= 16) return { id: formatUuid(bytes), secure: true };
  if (!warned) {
    warned = true;
    console.warn('[wx-sdk] no secure random source (wx.getRandomValues needs base library 2.15.0); ids use Math.random and the clock');
  }
  return { id: formatUuid(weakBytes(16)), secure: false };
}
