import { afterEach, describe, expect, it, vi } from 'vitest';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidV4', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.resetModules();
  });

  it('makes RFC 4122 v4 ids from the secure source, without a warning', async () => {
    const { uuidV4 } = await import('./uuid.js');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const u = await uuidV4(async (n) => crypto.getRandomValues(new Uint8Array(n)));
      expect(u.secure).toBe(true);
      expect(u.id).toMatch(V4);
      ids.add(u.id);
    }
    expect(ids.size).toBe(200);
    expect(warn).not.toHaveBeenCalled();
  });

  it('falls back to Math.random and the clock when there is no secure source, and says so once', async () => {
    const { uuidV4 } = await import('./uuid.js');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const a = await uuidV4(async () => null);
    const b = await uuidV4(undefined);
    const c = await uuidV4(async () => {
      throw new Error('getRandomValues:fail');
    });
    for (const u of [a, b, c]) {
      expect(u.secure).toBe(false);
      expect(u.id).toMatch(V4);
    }
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/^\[wx-sdk\] .*Math\.random/);
  });
});
