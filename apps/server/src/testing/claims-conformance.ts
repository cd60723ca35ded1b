import { expect, it } from 'vitest';
import type { ChatStore } from '../ports/store.js';

const ID = '6c3e1f0a-8b2d-4e5f-9a7b-1c2d3e4f5a6b';
const ALICE = 'wx:o-alice';
const BOB = 'wx:o-bob';

/**
 * Claims on session ids before their first message, part of the store conformance suite (run
 * inside `describeStore`). Times are real (Redis expires claims by its own clock).
 */
export function describeSessionClaims(store: () => ChatStore): void {
  it('gives a session id to its first claimant and keeps answering that holder to everyone else', async () => {
    const now = Date.now();
    expect(await store().sessionClaimant(ID, now)).toBeUndefined();
    expect(await store().claimSession(ID, ALICE, now, now + 60_000)).toBe(ALICE);
    expect(await store().claimSession(ID, BOB, now, now + 60_000)).toBe(ALICE);
    expect(await store().claimSession(ID, ALICE, now, now + 120_000)).toBe(ALICE);
    expect(await store().sessionClaimant(ID, now)).toBe(ALICE);
  });

  it('releases a claim: the id is free again', async () => {
    const now = Date.now();
    const id = crypto.randomUUID();
    await store().claimSession(id, ALICE, now, now + 60_000);
    await store().releaseClaim(id);
    expect(await store().sessionClaimant(id, now)).toBeUndefined();
    expect(await store().claimSession(id, BOB, now, now + 60_000)).toBe(BOB);
  });

  it('agrees on one holder when several clients claim a new id at once', async () => {
    const now = Date.now();
    const id = crypto.randomUUID();
    const owners = Array.from({ length: 8 }, (_, i) => `wx:o-${i}`);
    const holders = await Promise.all(owners.map((o) => store().claimSession(id, o, now, now + 60_000)));
    expect(new Set(holders).size).toBe(1);
    expect(owners).toContain(holders[0]);
    expect(await store().sessionClaimant(id, now)).toBe(holders[0]);
  });

  it('frees an id whose claim expired, and purges expired claims', async () => {
    const id = crypto.randomUUID();
    const now = Date.now();
    expect(await store().claimSession(id, ALICE, now, now + 150)).toBe(ALICE);
    await new Promise((r) => setTimeout(r, 300));
    const later = Date.now();
    expect(await store().sessionClaimant(id, later)).toBeUndefined();
    expect(await store().claimSession(id, BOB, later, later + 60_000)).toBe(BOB);
    const stale = crypto.randomUUID();
    await store().claimSession(stale, ALICE, now, now + 100);
    await new Promise((r) => setTimeout(r, 200));
    // Stores that expire claims themselves (Redis) have nothing to purge; the others delete them.
    const purged = await store().purgeClaims(Date.now(), 1_000);
    if (store().kind !== 'redis') expect(purged).toBeGreaterThanOrEqual(1);
    expect(await store().sessionClaimant(stale, Date.now())).toBeUndefined();
    expect(await store().sessionClaimant(id, Date.now())).toBe(BOB);
  });
}
