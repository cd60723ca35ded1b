import type { Redis } from 'ioredis';
import type { KbRecord } from '../../ports/knowledge-store.js';
import { kbDoc, kbRecordFromRow } from '../kb-record-row.js';
import { guard } from './redis-connection.js';
import { storeScript as script } from './redis-store-lua.js';
import type { LuaScript } from './lua-script.js';

/**
 * Knowledge-base keys under the prefix P:
 *
 * | key         | type | holds                                                     |
 * |-------------|------|-----------------------------------------------------------|
 * | P kb        | hash | id → newest version number                                |
 * | P kbv:<id>  | hash | version → the version's JSON document                     |
 */
export const KB_SAVE = script(
  'kbSave',
  `
local id, version = ARGV[2], ARGV[3]
local top = tonumber(redis.call('HGET', P .. 'kb', id) or '0')
if tonumber(version) ~= top + 1 then return 0 end
redis.call('HSET', P .. 'kbv:' .. id, version, ARGV[4])
redis.call('HSET', P .. 'kb', id, version)
return 1
`,
);

/** The knowledge-base role of the Redis store. Reads of the newest versions are one pipeline. */
export class RedisKnowledge {
  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
    private readonly run: (script: LuaScript, ...args: (string | number)[]) => Promise<unknown>,
  ) {}

  async records(): Promise<KbRecord[]> {
    const tops = await guard(this.client.hgetall(`${this.prefix}kb`));
    const ids = Object.keys(tops).sort();
    if (ids.length === 0) return [];
    const pipe = this.client.pipeline();
    for (const id of ids) pipe.hget(`${this.prefix}kbv:${id}`, tops[id]!);
    const docs = (await guard(pipe.exec())) ?? [];
    return ids.flatMap((id, i) => {
      const doc = docs[i]?.[1];
      return typeof doc === 'string' ? [kbRecordFromRow({ id, version: tops[id]!, doc })] : [];
    });
  }

  async record(id: string): Promise<KbRecord | undefined> {
    const top = await guard(this.client.hget(`${this.prefix}kb`, id));
    if (!top) return undefined;
    const doc = await guard(this.client.hget(`${this.prefix}kbv:${id}`, top));
    return doc ? kbRecordFromRow({ id, version: top, doc }) : undefined;
  }

  async history(id: string): Promise<KbRecord[]> {
    const all = await guard(this.client.hgetall(`${this.prefix}kbv:${id}`));
    return Object.entries(all)
      .map(([version, doc]) => kbRecordFromRow({ id, version, doc }))
      .sort((a, b) => b.version - a.version);
  }

  async save(r: KbRecord): Promise<boolean> {
    return Number(await this.run(KB_SAVE, r.id, r.version, kbDoc(r))) === 1;
  }
}
