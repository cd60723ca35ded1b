import type { Redis } from 'ioredis';

/** A Lua script by name. A script runs atomically: nothing else touches Redis meanwhile. */
export interface LuaScript {
  readonly name: string;
  readonly source: string;
}

type ScriptCommand = (...args: (string | number)[]) => Promise<unknown>;

/**
 * Runs scripts on `client` as ioredis custom commands (`defineCommand`), which send EVALSHA and
 * fall back to EVAL when Redis does not know the script yet (after a restart or SCRIPT FLUSH).
 * Each script is defined on the connection the first time it runs, under `mpchat_<name>` so it can
 * never shadow a Redis command (`append` is one). Scripts take no KEYS: every argument is ARGV.
 */
export function scriptRunner(client: Redis): (script: LuaScript, args: readonly (string | number)[]) => Promise<unknown> {
  const commands = client as unknown as Record<string, ScriptCommand | undefined>;
  return (script, args) => {
    const name = `mpchat_${script.name}`;
    if (!commands[name]) client.defineCommand(name, { numberOfKeys: 0, lua: script.source });
    return commands[name]!(...args);
  };
}
