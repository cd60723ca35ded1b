import { describe, expect, it } from 'vitest';
import { ChatError } from './chat-error.js';

describe('ChatError message', () => {
  it('ends with the code once, also when the server message already names it', () => {
    expect(new ChatError('UNAUTHENTICATED', '[auth] missing Authorization: Bearer <token>; log in first (UNAUTHENTICATED)').message).toBe(
      '[wx-sdk] [auth] missing Authorization: Bearer <token>; log in first (UNAUTHENTICATED)',
    );
    expect(new ChatError('TIMEOUT', 'the reply took too long').message).toBe('[wx-sdk] the reply took too long (TIMEOUT)');
    expect(new ChatError('BUSY', 'another code at the end (TIMEOUT)').message).toBe('[wx-sdk] another code at the end (TIMEOUT) (BUSY)');
  });
});
