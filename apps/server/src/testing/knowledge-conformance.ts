import { expect, it } from 'vitest';
import type { KbRecord } from '../ports/knowledge-store.js';
import type { ChatStore } from '../ports/store.js';

const v = (id: string, version: number, patch: Partial<KbRecord> = {}): KbRecord => ({
  id,
  version,
  title: 'BGP实验ping不通怎么办',
  body: '先看 `display bgp peer`，State 必须是 **Established**。',
  tags: ['BGP', '实验'],
  enabled: true,
  topic: 'BGP 路由协议',
  file: '05-bgp.md',
  rank: 1,
  deleted: false,
  updatedBy: 'seed',
  updatedAt: 1_000 * version,
  ...patch,
});

/** The knowledge base in the store, part of the store conformance suite (run inside `describeStore`). */
export function describeKnowledgeStore(store: () => ChatStore): void {
  it('keeps every version of an entry; the newest is the entry', async () => {
    expect(await store().kbRecord('05-bgp-1')).toBeUndefined();
    expect(await store().kbSave(v('05-bgp-1', 1))).toBe(true);
    expect(await store().kbSave(v('05-bgp-1', 2, { body: '改过的答案 🚀', updatedBy: 'wang' }))).toBe(true);
    expect(await store().kbSave(v('05-bgp-1', 3, { deleted: true, updatedBy: '李老师' }))).toBe(true);
    expect(await store().kbRecord('05-bgp-1')).toEqual(v('05-bgp-1', 3, { deleted: true, updatedBy: '李老师' }));
    expect((await store().kbVersions('05-bgp-1')).map((r) => [r.version, r.updatedBy, r.body])).toEqual([
      [3, '李老师', v('x', 1).body],
      [2, 'wang', '改过的答案 🚀'],
      [1, 'seed', v('x', 1).body],
    ]);
    expect(await store().kbVersions('nothing')).toEqual([]);
  });

  it('refuses a version that is not exactly the next one (two teachers saving at once)', async () => {
    expect(await store().kbSave(v('e1', 2))).toBe(false);
    expect(await store().kbSave(v('e1', 1))).toBe(true);
    const [a, b] = await Promise.all([store().kbSave(v('e1', 2, { body: 'a' })), store().kbSave(v('e1', 2, { body: 'b' }))]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect((await store().kbVersions('e1')).length).toBe(2);
    expect(await store().kbSave(v('e1', 1))).toBe(false);
  });

  it('lists the newest version of every record', async () => {
    await store().kbSave(v('b', 1));
    await store().kbSave(v('a', 1, { title: 'A1' }));
    await store().kbSave(v('a', 2, { title: 'A2', tags: [], enabled: false }));
    const all = (await store().kbRecords()).sort((x, y) => x.id.localeCompare(y.id));
    expect(all.map((r) => [r.id, r.version, r.title, r.enabled, r.tags])).toEqual([
      ['a', 2, 'A2', false, []],
      ['b', 1, v('b', 1).title, true, ['BGP', '实验']],
    ]);
  });
}
