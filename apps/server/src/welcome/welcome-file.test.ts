import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WELCOME, WelcomeFile, loadWelcome, parseWelcomeMarkdown } from './welcome-file.js';

const folder = () => mkdtempSync(join(tmpdir(), 'mpchat-welcome-'));

describe('the welcome file beside the knowledge base', () => {
  it('reads welcome.md: the text before the first list is the greeting, its items the starters', () => {
    expect(parseWelcomeMarkdown('# 开场白\n\n你好！\n\n第二段。\n\n- 问题一？\n- 问题二？\n\n1. 不是第一个列表\n')).toEqual({
      greeting: '你好！\n\n第二段。',
      starters: ['问题一？', '问题二？'],
    });
  });

  it('prefers welcome.json, keeps six starters at most, and falls back to the defaults without a file', async () => {
    const dir = folder();
    expect(await loadWelcome(dir)).toEqual(DEFAULT_WELCOME);
    writeFileSync(join(dir, 'welcome.md'), '欢迎\n\n- A？\n');
    expect(await loadWelcome(dir)).toEqual({ greeting: '欢迎', starters: ['A？'] });
    writeFileSync(join(dir, 'welcome.json'), JSON.stringify({ greeting: ' 你好 ', starters: ['1', '2', '3', '4', '5', '6', '7', ' '] }));
    expect(await loadWelcome(dir)).toEqual({ greeting: '你好', starters: ['1', '2', '3', '4', '5', '6'] });
    rmSync(dir, { recursive: true });
  });

  it('rejects a malformed welcome.json with a [welcome] message; a failed reload keeps the old welcome', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'welcome.json'), JSON.stringify({ greeting: '旧的', starters: [] }));
    const file = await WelcomeFile.open(dir);
    writeFileSync(join(dir, 'welcome.json'), '{"greeting": ');
    await expect(file.reload()).rejects.toThrow(/^\[welcome\] .*welcome\.json is not JSON/);
    writeFileSync(join(dir, 'welcome.json'), JSON.stringify({ greeting: 1 }));
    await expect(file.reload()).rejects.toThrow(/must be \{"greeting"/);
    expect(file.current.greeting).toBe('旧的');
    writeFileSync(join(dir, 'welcome.json'), JSON.stringify({ greeting: '新的', starters: ['问？'] }));
    await file.reload();
    expect(file.current).toEqual({ greeting: '新的', starters: ['问？'] });
    rmSync(dir, { recursive: true });
  });
});
