import type { Source } from '@mpchat/contract';
import type { EngineChunk, EngineInput, ReplyEngine } from '../../ports/engine.js';

/** Put before the knowledge-base answer when the model service failed. */
export const FALLBACK_NOTICE = '（模型服务暂时不可用，以下为知识库答案）';

/**
 * The knowledge-base engine's answer after a model failure (LLM_FALLBACK=kb), introduced by
 * {@link FALLBACK_NOTICE}. When the model had already written part of the reply, that text
 * stays on screen, so the notice starts on a new paragraph and the sources list both what the
 * model was given and what the knowledge-base answer drew on.
 */
export async function* kbFallback(kb: ReplyEngine, input: EngineInput, partial: { text: boolean; sources: Source[] }): AsyncGenerator<EngineChunk> {
  const base = partial.text ? partial.sources : [];
  yield { sources: base };
  yield `${partial.text ? '\n\n' : ''}${FALLBACK_NOTICE}\n\n`;
  for await (const chunk of kb.answer(input)) {
    if (input.signal.aborted) return;
    yield typeof chunk === 'string' ? chunk : { ...chunk, sources: mergeSources(base, chunk.sources) };
  }
}

function mergeSources(a: Source[], b: Source[]): Source[] {
  const titles = new Set(a.map((s) => s.title));
  return [...a, ...b.filter((s) => !titles.has(s.title))];
}
