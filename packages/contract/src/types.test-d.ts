import { describe, expectTypeOf, it } from 'vitest';
import type {
  ClientFrame,
  DestroyRequest,
  ErrorCode,
  ErrorEnvelope,
  ReceiveParams,
  ReceiveQuery,
  ReceiveResponse,
  ReplyData,
  SendRequest,
  ServerFrame,
  ServerFrameOf,
} from './index.js';

describe('inferred types are what a client author expects', () => {
  it('send request', () => {
    expectTypeOf<SendRequest>().toEqualTypeOf<{
      sessionId: string;
      content: string;
      timestamp: string;
      clientMsgId?: string | undefined;
      continueFrom?: string | undefined;
    }>();
  });

  it('receive query is strings on the wire, numbers after parsing', () => {
    expectTypeOf<ReceiveQuery['wait']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ReceiveParams['wait']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ReceiveParams['timestamp']>().toEqualTypeOf<string | undefined>();
  });

  it('destroy request', () => {
    expectTypeOf<DestroyRequest>().toEqualTypeOf<{ sessionId: string }>();
  });

  it('reply data carries the spec fields', () => {
    expectTypeOf<ReplyData>().toHaveProperty('sessionId').toEqualTypeOf<string>();
    expectTypeOf<ReplyData>().toHaveProperty('content').toEqualTypeOf<string>();
    expectTypeOf<ReplyData>().toHaveProperty('timestamp').toEqualTypeOf<string>();
  });

  it('receive response narrows on code', () => {
    expectTypeOf<ReceiveResponse['code']>().toEqualTypeOf<200 | 100>();
    const r = {} as ReceiveResponse;
    if (r.code === 200) expectTypeOf(r.data).toEqualTypeOf<ReplyData>();
  });

  it('error codes are a closed union', () => {
    expectTypeOf<'BUSY'>().toExtend<ErrorCode>();
    expectTypeOf<'NOPE'>().not.toExtend<ErrorCode>();
    expectTypeOf<ErrorEnvelope['error']>().toEqualTypeOf<ErrorCode>();
  });

  it('frames discriminate on type', () => {
    expectTypeOf<ClientFrame['type']>().toEqualTypeOf<'send' | 'resume' | 'stop' | 'ping'>();
    expectTypeOf<ServerFrame['type']>().toEqualTypeOf<'hello' | 'ack' | 'delta' | 'reply' | 'error' | 'pong' | 'bye'>();
    expectTypeOf<ServerFrameOf<'delta'>>().toEqualTypeOf<{ type: 'delta'; seq: number; offset: number; text: string }>();
  });
});
