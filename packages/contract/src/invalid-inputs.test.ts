import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { destroyRequestSchema } from './destroy.js';
import { toFieldIssues, type FieldLocation } from './envelope.js';
import { receiveQuerySchema } from './receive.js';
import { makeSendRequestSchema, sendRequestSchema } from './send.js';
import { stopRequestSchema } from './stop.js';
import { clientFrameSchema } from './ws.js';

const SID = '80d5a793-0d16-4c15-9246-f6bc87e77ed6';
const TS = '2023/11/03 15:30:00';
const send = (patch: Record<string, unknown>) => ({ sessionId: SID, content: '你好', timestamp: TS, ...patch });
const recv = (patch: Record<string, unknown>) => ({ sessionId: SID, ...patch });

type Case = [name: string, schema: z.ZodType, location: FieldLocation, input: unknown, field: string];

const cases: Case[] = [
  // send: sessionId
  ['send without sessionId', sendRequestSchema, 'body', { content: 'x', timestamp: TS }, 'sessionId'],
  ['send sessionId number', sendRequestSchema, 'body', send({ sessionId: 42 }), 'sessionId'],
  ['send sessionId empty', sendRequestSchema, 'body', send({ sessionId: '' }), 'sessionId'],
  ['send sessionId short uuid', sendRequestSchema, 'body', send({ sessionId: '80d5a793-0d16-4c15-9246-f6bc87e77ed' }), 'sessionId'],
  ['send sessionId without dashes', sendRequestSchema, 'body', send({ sessionId: '80d5a7930d164c159246f6bc87e77ed6' }), 'sessionId'],
  ['send sessionId non-hex', sendRequestSchema, 'body', send({ sessionId: '80d5a793-0d16-4c15-9246-f6bc87e77ezz' }), 'sessionId'],
  ['send sessionId with braces', sendRequestSchema, 'body', send({ sessionId: `{${SID}}` }), 'sessionId'],
  ['send sessionId with spaces', sendRequestSchema, 'body', send({ sessionId: ` ${SID}` }), 'sessionId'],
  ['send sessionId guessable', sendRequestSchema, 'body', send({ sessionId: 'user1' }), 'sessionId'],
  ['send sessionId null', sendRequestSchema, 'body', send({ sessionId: null }), 'sessionId'],
  // send: content
  ['send without content', sendRequestSchema, 'body', { sessionId: SID, timestamp: TS }, 'content'],
  ['send content empty', sendRequestSchema, 'body', send({ content: '' }), 'content'],
  ['send content whitespace', sendRequestSchema, 'body', send({ content: ' \n\t　' }), 'content'],
  ['send content number', sendRequestSchema, 'body', send({ content: 123 }), 'content'],
  ['send content array', sendRequestSchema, 'body', send({ content: ['a'] }), 'content'],
  ['send content object', sendRequestSchema, 'body', send({ content: { text: 'a' } }), 'content'],
  ['send content too long', sendRequestSchema, 'body', send({ content: '网'.repeat(2001) }), 'content'],
  ['send content over a custom max', makeSendRequestSchema(10), 'body', send({ content: 'x'.repeat(11) }), 'content'],
  // send: timestamp
  ['send without timestamp', sendRequestSchema, 'body', { sessionId: SID, content: 'x' }, 'timestamp'],
  ['send timestamp ISO', sendRequestSchema, 'body', send({ timestamp: '2023-11-03T15:30:00Z' }), 'timestamp'],
  ['send timestamp dashes', sendRequestSchema, 'body', send({ timestamp: '2023-11-03 15:30:00' }), 'timestamp'],
  ['send timestamp Feb 30', sendRequestSchema, 'body', send({ timestamp: '2023/02/30 10:00:00' }), 'timestamp'],
  ['send timestamp Feb 29 non-leap', sendRequestSchema, 'body', send({ timestamp: '2023/02/29 10:00:00' }), 'timestamp'],
  ['send timestamp hour 24', sendRequestSchema, 'body', send({ timestamp: '2023/11/03 24:00:00' }), 'timestamp'],
  ['send timestamp minute 60', sendRequestSchema, 'body', send({ timestamp: '2023/11/03 15:60:00' }), 'timestamp'],
  ['send timestamp second 60', sendRequestSchema, 'body', send({ timestamp: '2023/11/03 15:30:60' }), 'timestamp'],
  ['send timestamp month 13', sendRequestSchema, 'body', send({ timestamp: '2023/13/03 15:30:00' }), 'timestamp'],
  ['send timestamp month 00', sendRequestSchema, 'body', send({ timestamp: '2023/00/03 15:30:00' }), 'timestamp'],
  ['send timestamp day 00', sendRequestSchema, 'body', send({ timestamp: '2023/11/00 15:30:00' }), 'timestamp'],
  ['send timestamp single-digit month', sendRequestSchema, 'body', send({ timestamp: '2023/1/03 15:30:00' }), 'timestamp'],
  ['send timestamp single-digit hour', sendRequestSchema, 'body', send({ timestamp: '2023/11/03 5:30:00' }), 'timestamp'],
  ['send timestamp without seconds', sendRequestSchema, 'body', send({ timestamp: '2023/11/03 15:30' }), 'timestamp'],
  ['send timestamp epoch number', sendRequestSchema, 'body', send({ timestamp: 1699000000 }), 'timestamp'],
  ['send timestamp trailing space', sendRequestSchema, 'body', send({ timestamp: `${TS} ` }), 'timestamp'],
  ['send timestamp year 1969', sendRequestSchema, 'body', send({ timestamp: '1969/12/31 23:59:59' }), 'timestamp'],
  ['send timestamp full-width digits', sendRequestSchema, 'body', send({ timestamp: '２０２３/11/03 15:30:00' }), 'timestamp'],
  // send: extensions
  ['send clientMsgId not uuid', sendRequestSchema, 'body', send({ clientMsgId: 'abc' }), 'clientMsgId'],
  ['send clientMsgId number', sendRequestSchema, 'body', send({ clientMsgId: 7 }), 'clientMsgId'],
  // whole body
  ['send body array', sendRequestSchema, 'body', [send({})], ''],
  ['send body string', sendRequestSchema, 'body', 'hello', ''],
  ['send body null', sendRequestSchema, 'body', null, ''],
  // receive
  ['receive without sessionId', receiveQuerySchema, 'query', {}, 'sessionId'],
  ['receive sessionId bad', receiveQuerySchema, 'query', recv({ sessionId: 'nope' }), 'sessionId'],
  ['receive sessionId repeated', receiveQuerySchema, 'query', recv({ sessionId: [SID, SID] }), 'sessionId'],
  ['receive timestamp bad', receiveQuerySchema, 'query', recv({ timestamp: '2023/11/03' }), 'timestamp'],
  ['receive timestamp impossible', receiveQuerySchema, 'query', recv({ timestamp: '2023/04/31 00:00:00' }), 'timestamp'],
  ['receive wait too long', receiveQuerySchema, 'query', recv({ wait: '26' }), 'wait'],
  ['receive wait negative', receiveQuerySchema, 'query', recv({ wait: '-1' }), 'wait'],
  ['receive wait text', receiveQuerySchema, 'query', recv({ wait: 'soon' }), 'wait'],
  ['receive wait fraction', receiveQuerySchema, 'query', recv({ wait: '1.5' }), 'wait'],
  ['receive after text', receiveQuerySchema, 'query', recv({ after: 'last' }), 'after'],
  ['receive after empty', receiveQuerySchema, 'query', recv({ after: '' }), 'after'],
  // destroy / stop
  ['destroy without sessionId', destroyRequestSchema, 'body', {}, 'sessionId'],
  ['destroy sessionId bad', destroyRequestSchema, 'body', { sessionId: 'x' }, 'sessionId'],
  ['destroy body array', destroyRequestSchema, 'body', [], ''],
  ['stop sessionId bad', stopRequestSchema, 'body', { sessionId: 12 }, 'sessionId'],
  // WebSocket frames
  ['frame unknown type', clientFrameSchema, 'frame', { type: 'hack' }, 'type'],
  ['frame without type', clientFrameSchema, 'frame', { content: 'x' }, 'type'],
  ['frame send empty content', clientFrameSchema, 'frame', { type: 'send', content: '', timestamp: TS }, 'content'],
  ['frame send bad timestamp', clientFrameSchema, 'frame', { type: 'send', content: 'x', timestamp: 'now' }, 'timestamp'],
  ['frame resume negative', clientFrameSchema, 'frame', { type: 'resume', after: -1 }, 'after'],
  ['frame resume fraction', clientFrameSchema, 'frame', { type: 'resume', after: 1.5 }, 'after'],
];

describe('invalid inputs are rejected with a message naming the field', () => {
  it('has at least 40 cases', () => expect(cases.length).toBeGreaterThanOrEqual(40));

  it.each(cases)('%s', (_name, schema, location, input, field) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    if (result.success) return;
    const issues = toFieldIssues(result.error, location);
    const issue = issues.find((i) => i.path === field);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue!.location).toBe(location);
    if (field) expect(issue!.message.startsWith(`${field}: `)).toBe(true);
    else expect(issue!.message).toMatch(/JSON object/);
  });
});

describe('valid inputs at the edges', () => {
  it.each([
    ['upper-case session id', send({ sessionId: SID.toUpperCase() })],
    ['exactly max content', send({ content: '网'.repeat(2000) })],
    ['leap day', send({ timestamp: '2024/02/29 23:59:59' })],
    ['content with surrounding spaces kept', send({ content: '  ping  ' })],
    ['unknown extra field ignored', send({ extra: true })],
  ])('%s', (_name, input) => {
    const r = sendRequestSchema.safeParse(input);
    expect(r.success).toBe(true);
    expect(r.data).not.toHaveProperty('extra');
  });

  it('keeps content exactly as sent', () => {
    expect(sendRequestSchema.parse(send({ content: '  ping  ' })).content).toBe('  ping  ');
  });

  it('turns wait and after into numbers', () => {
    expect(receiveQuerySchema.parse(recv({ wait: '25', after: '0' }))).toEqual({ sessionId: SID, wait: 25, after: 0 });
  });
});
