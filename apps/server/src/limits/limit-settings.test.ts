import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_CLIENT_LIMITS } from './limit-profiles.js';
import { clientLimitsFrom, limitSettings } from './limit-settings.js';

const schema = z.object(limitSettings);

describe('limit settings', () => {
  it('default to the documented limits', () => {
    expect(clientLimitsFrom(schema.parse({}))).toEqual(DEFAULT_CLIENT_LIMITS);
    expect(DEFAULT_CLIENT_LIMITS.address).toEqual({ sessionsPerMinute: 150, liveSessions: 300, sockets: 120, messagesPerMinute: 300, messagesPerDay: 7500, loginsPerMinute: 600 });
  });

  it('scale the address profile by LIMIT_ADDRESS_FACTOR', () => {
    const limits = clientLimitsFrom(schema.parse({ LIMIT_MESSAGES_PER_MINUTE: '10', LIMIT_ADDRESS_FACTOR: '3' }));
    expect([limits.user.messagesPerMinute, limits.address.messagesPerMinute]).toEqual([10, 30]);
  });

  it('refuse what is not a whole number', () => {
    const r = schema.safeParse({ LIMIT_SOCKETS: '-1' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe('must be a whole number (0 turns the limit off)');
  });
});
