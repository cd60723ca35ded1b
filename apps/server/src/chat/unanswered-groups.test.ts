import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KB_DIR } from '../config/config.js';
import { createKbEngine, type KbEngine } from '../engines/kb/index.js';
import { questionSimilarity } from './question-similarity.js';
import { groupIdOf, groupQuestions, groupView, type UnansweredQuestion } from './unanswered-groups.js';

let engine: KbEngine;
beforeAll(async () => {
  engine = await createKbEngine({ dir: DEFAULT_KB_DIR, chunkDelayMs: 0 });
});

const asked = (questions: string[]): UnansweredQuestion[] => questions.map((question, i) => ({ question, sessionId: `s${i}`, seq: 1, askedAt: 1_000 * (i + 1), reason: 'unmatched' }));
const groupsOf = (questions: string[], kind: 'engine' | 'bigrams' = 'engine') =>
  groupQuestions(questionSimilarity(kind === 'engine' ? (q) => engine.questionTerms(q) : undefined), asked(questions), []).map((g) => g.questions.map((q) => q.question));

describe('grouping the questions nobody answered', () => {
  it("puts rewordings of one question together by the engine's reading, and different questions apart", () => {
    const canteen = ['食堂几点开门？', '请问食堂什么时候开门', '食堂开门时间是几点呀', '食堂早上几点开'];
    const report = ['实验报告什么时候交', '实验报告的截止日期是哪天'];
    const others = ['图书馆几点关门', '机房晚上几点关门', '期末考试考什么', '实验室的空调坏了找谁', '宿舍的网络怎么连'];
    const groups = groupsOf([canteen[0]!, others[0]!, canteen[1]!, report[0]!, others[1]!, canteen[2]!, others[2]!, report[1]!, canteen[3]!, others[3]!, others[4]!]);
    expect(groups).toContainEqual(canteen);
    expect(groups).toContainEqual(report);
    for (const q of others) expect(groups).toContainEqual([q]);
    expect(groups).toHaveLength(2 + others.length);
  });

  it('names a group after its first question: 16 hex digits, the same for the same words however spaced', () => {
    const [g] = groupQuestions(questionSimilarity((q) => engine.questionTerms(q)), asked(['食堂几点开门？', '请问食堂什么时候开门']), []);
    expect(g!.groupId).toBe(groupIdOf('食堂几点开门？'));
    expect(g!.groupId).toMatch(/^[0-9a-f]{16}$/);
    expect(groupIdOf('  食堂几点开门？ ')).toBe(g!.groupId);
    expect(groupView(g!)).toMatchObject({ question: '食堂几点开门？', count: 2, status: 'open', entryId: null, examples: [{ question: '请问食堂什么时候开门' }, { question: '食堂几点开门？' }] });
  });

  it('keeps a decided group its id and status while new rewordings join it, even when its first question is no longer listed', () => {
    const state = { groupId: 'feedbeefcafe0001', question: '食堂几点开门？', status: 'answered' as const, entryId: 't-1', by: 'wang', at: 1 };
    const groups = groupQuestions(questionSimilarity((q) => engine.questionTerms(q)), asked(['请问食堂什么时候开门', '图书馆几点关门']), [{ ...state, state }]);
    expect(groups.map(groupView).filter(Boolean)).toEqual([
      expect.objectContaining({ groupId: 'feedbeefcafe0001', question: '食堂几点开门？', count: 1, status: 'answered', entryId: 't-1' }),
      expect.objectContaining({ question: '图书馆几点关门', status: 'open' }),
    ]);
  });

  it('falls back to character pairs without an engine analysis: close wordings group, others do not', () => {
    expect(groupsOf(['实验报告什么时候交', '机房空调坏了找谁', '请问实验报告什么时候交啊', '实验报告什么时候要交'], 'bigrams')).toEqual([
      ['实验报告什么时候交', '请问实验报告什么时候交啊', '实验报告什么时候要交'],
      ['机房空调坏了找谁'],
    ]);
  });

  it('groups questions without words of substance by their exact text', () => {
    expect(groupsOf(['？？', '？？', '!!'])).toEqual([['？？', '？？'], ['!!']]);
  });
});
