import type { ErrorCode, Source } from '@mpchat/contract';
import type { SessionRecord, Settlement, Turn, TurnStatus } from '../../ports/store.js';
import { settledFields } from '../settled-turn.js';

/** A Redis hash as HGETALL returns it inside a Lua reply: [field, value, field, value, …]. */
type FlatHash = readonly string[];

/** A flat HGETALL reply as an object. */
export function toRecord(flat: FlatHash): Record<string, string> {
  const h: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) h[flat[i]!] = flat[i + 1]!;
  return h;
}

/**
 * A turn from its hash (fields: seq, clientMsgId?, content, timestamp, receivedAt, status, reply,
 * replyTimestamp?, errorCode?, errorMessage?, sources? and suggestions? as JSON, matched? as 1 / 0,
 * author? (`teacher`; absent: the engine), settledAt?; a missing one reads as none, so turns stored
 * before a field existed stay readable). An empty hash is no turn.
 */
export function decodeTurn(sessionId: string, flat: FlatHash | null | undefined): Turn | undefined {
  if (!flat || flat.length === 0) return undefined;
  const h = toRecord(flat);
  return {
    sessionId,
    seq: Number(h.seq),
    clientMsgId: h.clientMsgId ?? null,
    content: h.content ?? '',
    timestamp: h.timestamp ?? '',
    receivedAt: Number(h.receivedAt),
    status: h.status as TurnStatus,
    reply: h.reply ?? '',
    replyTimestamp: h.replyTimestamp ?? null,
    errorCode: (h.errorCode ?? null) as ErrorCode | null,
    errorMessage: h.errorMessage ?? null,
    sources: h.sources ? (JSON.parse(h.sources) as Source[]) : [],
    suggestions: h.suggestions ? (JSON.parse(h.suggestions) as string[]) : [],
    matched: h.matched === undefined ? null : h.matched === '1',
    ...(h.author === 'teacher' ? { author: 'teacher' as const } : {}),
    settledAt: h.settledAt === undefined ? null : Number(h.settledAt),
  };
}

/** A session from its hash as ioredis' HGETALL returns it (an object; empty when missing). */
export function decodeSession(sessionId: string, h: Record<string, string>): SessionRecord | undefined {
  if (h.createdAt === undefined) return undefined;
  return {
    id: sessionId,
    createdAt: Number(h.createdAt),
    lastActiveAt: Number(h.lastActiveAt),
    closedAt: h.closedAt === undefined ? null : Number(h.closedAt),
    lastSeq: Number(h.lastSeq ?? 0),
    // Sessions stored before owners were kept have none.
    owner: h.owner ?? null,
    continuedFrom: h.continuedFrom ?? null,
    student: h.student ?? null,
  };
}

/** A nullable string as the settle script takes it: '' for null, '=' + value otherwise. */
export const nullable = (v: string | null | undefined): string => (v == null ? '' : `=${v}`);

/**
 * A settlement as the settle and append scripts take it, in this order: status, reply,
 * replyTimestamp, errorCode and errorMessage ({@link nullable}), sources and suggestions (JSON),
 * matched ('' none, '1', '0'), author ('' the engine, 'teacher'), settledAt ('' none).
 */
export function settlementArgs(s: Settlement): string[] {
  const f = settledFields(s);
  return [
    f.status,
    f.reply,
    f.replyTimestamp ?? '',
    nullable(f.errorCode),
    nullable(f.errorMessage),
    JSON.stringify(f.sources),
    JSON.stringify(f.suggestions),
    f.matched == null ? '' : f.matched ? '1' : '0',
    f.author ?? '',
    f.settledAt == null ? '' : String(f.settledAt),
  ];
}
