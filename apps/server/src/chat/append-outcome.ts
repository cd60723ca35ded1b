import type { AppendOutcome } from '../ports/store.js';
import { ChatError } from '../errors/chat-error.js';

/** The refusal a store's append outcome means, or undefined when the message was stored (or was a retry). */
export function appendRefusal(outcome: AppendOutcome, pollRetryAfterMs: number): ChatError | undefined {
  switch (outcome.kind) {
    case 'closed':
      return sessionClosed();
    case 'busy':
      return new ChatError('BUSY', `${outcome.pending} messages of this session are still waiting for a reply`, { retryAfterMs: pollRetryAfterMs });
    case 'quota':
      return new ChatError('RATE_LIMITED', `this session has used its quota of ${outcome.limit} messages; start a new conversation`);
    case 'full':
      return new ChatError('TOO_MANY_SESSIONS', 'the server is holding as many conversations as it is configured for; try again later', {
        retryAfterMs: 30_000,
      });
    default:
      return undefined;
  }
}

/** SESSION_CLOSED, with the one message both transports answer it with. */
export function sessionClosed(message = 'this session was closed; start a new one with a new sessionId'): ChatError {
  return new ChatError('SESSION_CLOSED', message);
}
