// Lua scripts of the L2 tier: each tag operation is one atomic round trip.
import type { Redis } from 'ioredis';

/** SET value PX ttl, add the key to each tag set, and keep each set's expiry ≥ the key's. */
const setTagged = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
local ttl = tonumber(ARGV[2])
for i = 2, #KEYS do
  redis.call('SADD', KEYS[i], ARGV[3])
  if redis.call('PTTL', KEYS[i]) < ttl then redis.call('PEXPIRE', KEYS[i], ttl) end
end
return 1`;

/** Deletes every member of the tag sets and the sets; returns {removed keys, all member keys}. */
const deleteByTags = `
local removed, members, seen = {}, {}, {}
for i = 1, #KEYS do
  for _, m in ipairs(redis.call('SMEMBERS', KEYS[i])) do
    if not seen[m] then
      seen[m] = true
      table.insert(members, m)
      if redis.call('DEL', ARGV[1] .. m) == 1 then table.insert(removed, m) end
    end
  end
  redis.call('DEL', KEYS[i])
end
return {removed, members}`;

/** Drops members whose value expired; returns 1 when the set became empty and is gone. */
const pruneTag = `
for _, m in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if redis.call('EXISTS', ARGV[1] .. m) == 0 then redis.call('SREM', KEYS[1], m) end
end
if redis.call('EXISTS', KEYS[1]) == 0 then return 1 end
return 0`;

/** The scripted commands {@link defineScripts} adds to a client (numKeys first, as ioredis wants). */
export interface ScriptedRedis extends Redis {
  foresightSetTagged(numKeys: number, ...keysThenArgs: (string | number)[]): Promise<number>;
  foresightDeleteByTags(numKeys: number, ...keysThenArgs: string[]): Promise<[string[], string[]]>;
  foresightPruneTag(numKeys: 1, tagKey: string, valuePrefix: string): Promise<number>;
}

/** Registers the scripts on `client` (EVALSHA, with EVAL when Redis lacks them). */
export function defineScripts(client: Redis): ScriptedRedis {
  client.defineCommand('foresightSetTagged', { lua: setTagged });
  client.defineCommand('foresightDeleteByTags', { lua: deleteByTags });
  client.defineCommand('foresightPruneTag', { lua: pruneTag });
  return client as ScriptedRedis;
}
