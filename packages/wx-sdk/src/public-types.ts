// Types the SDK shows its users. They mirror @mpchat/contract (public-types.test-d.ts proves they
// are the same) but are written out here so the published .d.ts needs neither the contract nor zod.

/** The server's closed set of error codes (the contract's `ErrorCode`). */
export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'HEADERS_TOO_LARGE'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'SESSION_NOT_FOUND'
  | 'SESSION_CLOSED'
  | 'NO_SUCH_MESSAGE'
  | 'ENTRY_NOT_FOUND'
  | 'GROUP_NOT_FOUND'
  | 'VERSION_CONFLICT'
  | 'NOT_SETTLED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CONTENT_REJECTED'
  | 'RATE_LIMITED'
  | 'BUSY'
  | 'TOO_MANY_SESSIONS'
  | 'GENERATION_FAILED'
  | 'UPSTREAM_ERROR'
  | 'UPSTREAM_TIMEOUT'
  | 'UPSTREAM_UNAVAILABLE'
  | 'STORE_UNAVAILABLE'
  | 'SHUTTING_DOWN'
  | 'INTERNAL';

/** One invalid field of a rejected request: where, which, and what is wrong. */
export interface FieldIssue {
  location: 'body' | 'query' | 'path' | 'frame';
  path: string;
  message: string;
}

/** A knowledge-base section an answer drew on. */
export interface Source {
  title: string;
}

/**
 * How a reply ended: in full, cut short by {@link ChatClient.stop}, or `blocked` by the server's
 * content moderation (`content` is then the server's canned reply; show it as a notice).
 */
export type ReplyStatus = 'completed' | 'stopped' | 'blocked';

/** The bot's finished reply to one message. */
export interface Reply {
  /** Sequence number of the turn in its session (1, 2, 3, ...). */
  seq: number;
  /** The session the reply belongs to. */
  sessionId: string;
  /** The whole reply text. */
  content: string;
  /** When the reply was completed, `yyyy/MM/dd HH:mm:ss` in the server's time zone. */
  timestamp: string;
  /**
   * `stopped` when {@link ChatClient.stop} cut it short (`content` is the text until then);
   * `blocked` when content moderation replaced it (`content` is the canned reply).
   */
  status: ReplyStatus;
  /** Knowledge-base sections the answer drew on, when the engine reports them. */
  sources?: Source[];
  /** Up to 3 short follow-up questions to offer as chips; tapping one should send it. */
  suggestions?: string[];
  /**
   * `teacher` when a teacher wrote this reply: the answer to a question the assistant could not
   * answer, arriving later as a reply of its own (show it marked, e.g. 老师回复). Absent for the assistant.
   */
  from?: 'teacher';
}

/** A rating of one answer ({@link ChatClient.feedback}). */
export type Rating = 'up' | 'down';

/** What to show on an empty chat ({@link ChatClient.welcome}). */
export interface Welcome {
  /** Opening message (Markdown). */
  greeting: string;
  /** Starter questions; tapping one should send it. */
  starters: string[];
}

/**
 * How replies reach the client. `auto` tries the WebSocket first and falls back to long-polling,
 * then to plain polling, when sockets fail.
 */
export type TransportMode = 'auto' | 'socket' | 'longpoll' | 'poll';

/** The transport in use right now. */
export type TransportKind = 'socket' | 'longpoll' | 'poll';

/**
 * Connection status: `connecting` before the first answer, `open` while replies can flow,
 * `reconnecting` after a failure (retrying with backoff), `offline` while the app is in the
 * background, `closed` once the session is over (destroyed or expired).
 */
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'offline' | 'closed';

/** What {@link ChatClient.stop} (or a send handle's `stop()`) did. */
export interface StopResult {
  /** Whether a reply was being generated (it ends with status `stopped`). */
  stopped: boolean;
  /** The turn that was stopped. */
  seq?: number;
}

/** One of the user's conversations ({@link ChatClient.listSessions}). */
export interface SessionSummary {
  sessionId: string;
  /** Its first question on one line, cut to 40 characters (… when cut). */
  title: string;
  /** ISO 8601 UTC date-times. */
  createdAt: string;
  lastActiveAt: string;
  /** Messages sent in it. */
  turns: number;
  /** `closed`: destroyed or expired; read it, or {@link ChatClient.continue} it. */
  status: 'open' | 'closed';
}

/** One question and its reply in a conversation's history ({@link ChatClient.history}). */
export interface HistoryTurn {
  seq: number;
  /** The question, as sent. */
  content: string;
  /** When it was sent (`yyyy/MM/dd HH:mm:ss`). */
  timestamp: string;
  /** The reply (the text so far while `generating`). */
  reply: string;
  /** When the reply was completed; null while generating. */
  replyTimestamp: string | null;
  status: 'generating' | 'completed' | 'stopped' | 'blocked' | 'failed';
  /** Why the reply failed (status `failed`). */
  error?: ErrorCode;
  sources: Source[];
  suggestions?: string[];
  /** `teacher` when a teacher wrote this reply (see {@link Reply.from}). */
  from?: 'teacher';
}

/** One page of a list: pass `nextCursor` back for the next page; null on the last. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A page of a conversation's turns (oldest first), with the conversation itself. */
export interface HistoryPage extends Page<HistoryTurn> {
  session: SessionSummary;
}

/** What {@link ChatClient.forget} deleted on the server. */
export interface Forgotten {
  sessions: number;
  turns: number;
  feedback: number;
  /** Moderation records of the student (refused questions, blocked replies). */
  moderation: number;
}
