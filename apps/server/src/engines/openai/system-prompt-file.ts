import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The shipped system prompt (apps/server/prompts/system.md), found relative to this module in src/ and dist/ alike. */
export const DEFAULT_SYSTEM_PROMPT_FILE = fileURLToPath(new URL('../../../prompts/system.md', import.meta.url));

/**
 * Reads a system prompt file (UTF-8). Rejects with a one-line message naming the file when it
 * cannot be read or holds only whitespace: a model without instructions would answer anything.
 */
export async function readSystemPrompt(file: string | URL): Promise<string> {
  const path = file instanceof URL ? fileURLToPath(file) : file;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new Error(`[openai] cannot read the system prompt file ${path} (${code})`, { cause: err });
  }
  if (text.trim() === '') throw new Error(`[openai] the system prompt file ${path} is empty`);
  return text;
}
