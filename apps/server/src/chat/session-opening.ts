import type { Caller } from './caller.js';
import type { ClientPolicy } from './client-policy.js';
import type { Pseudonyms } from './pseudonyms.js';
import type { ServiceCore } from './service-core.js';
import { sendMessage, type SendInput } from './turn-operations.js';

/**
 * A message that opens its session: the caller's new-session and live-session budgets apply (the
 * slot is given back when the message did not open it after all, e.g. a retried send), the owner
 * is stored with the session and shown to teachers only as a keyed pseudonym, and the claim the
 * caller's socket or this send took on the id is released once the owner guards the session.
 */
export async function openingSend(
  core: ServiceCore,
  policy: ClientPolicy,
  pseudonyms: Pseudonyms,
  caller: Caller,
  input: SendInput,
): Promise<{ seq: number; duplicate: boolean }> {
  const slot = await policy.open(caller);
  const owned: SendInput & { owner: string; student: string } = { ...input, owner: slot.owner, student: await pseudonyms.of(slot.owner) };
  let opened = false;
  try {
    const r = await sendMessage(core, owned);
    opened = !r.duplicate && r.seq === 1;
    // Only WeChat users claim ids (see claimedByOther): another caller's opening has none to release.
    if (opened && caller.identity.kind === 'wx') await core.store.releaseClaim(input.sessionId);
    return r;
  } finally {
    await policy.settleOpening(slot, opened);
  }
}
