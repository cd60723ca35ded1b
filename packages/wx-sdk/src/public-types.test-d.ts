/// <reference types="miniprogram-api-typings" />
// The SDK writes its public types out (so the published .d.ts needs neither the contract nor zod);
// these checks fail the typecheck the day they drift from the contract or from WeChat's typings.
import type {
  ErrorCode as ContractErrorCode,
  FieldIssue as ContractFieldIssue,
  ForgetResponse,
  HistoryResponse,
  ReplyData,
  ServerFrameOf,
  SessionsResponse,
  Source as ContractSource,
} from '@mpchat/contract';
import { describe, expectTypeOf, it } from 'vitest';
import type { AppLifecycleSource, ErrorCode, FieldIssue, Forgotten, HistoryPage, Page, Reply, ReplyStatus, SessionSummary, Source, WxLike } from './index.js';

describe('public types', () => {
  it('are the contract types', () => {
    expectTypeOf<ErrorCode>().toEqualTypeOf<ContractErrorCode>();
    expectTypeOf<FieldIssue>().toEqualTypeOf<ContractFieldIssue>();
    expectTypeOf<Source>().toEqualTypeOf<ContractSource>();
    expectTypeOf<ReplyStatus>().toEqualTypeOf<ServerFrameOf<'reply'>['status']>();
    expectTypeOf<ReplyStatus>().toEqualTypeOf<NonNullable<ReplyData['status']>>();
    expectTypeOf<Pick<Reply, 'sessionId' | 'content' | 'timestamp'>>().toEqualTypeOf<ServerFrameOf<'reply'>['data']>();
    expectTypeOf<Page<SessionSummary>>().toEqualTypeOf<SessionsResponse['data']>();
    expectTypeOf<HistoryPage>().toEqualTypeOf<HistoryResponse['data']>();
    expectTypeOf<Forgotten>().toEqualTypeOf<ForgetResponse['data']>();
  });

  it('accept the real wx object (miniprogram-api-typings)', () => {
    expectTypeOf(wx).toMatchTypeOf<WxLike>();
    expectTypeOf(wx).toMatchTypeOf<AppLifecycleSource>();
  });
});
