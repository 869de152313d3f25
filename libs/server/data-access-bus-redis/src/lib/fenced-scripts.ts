import { createHash } from 'node:crypto';
import type Redis from 'ioredis';

/**
 * Appends one event, fenced by the call's hash {owner, seq}, in one atomic step.
 * KEYS: the call's hash, the stream. ARGV: instance id, seq, the seq this instance last appended for
 * the call ('' when it does not know), mode ('append'; 'create' for a new call's `started` event or
 * when ownership was confirmed after the hash vanished), the event JSON, the MINID threshold, the
 * hash's time to live (ms).
 * Replies {'appended', id} | {'duplicate'} | {'fenced', owner} | {'missing'} | {'out-of-order', stored seq}.
 */
const APPEND_LUA = `
local owner = redis.call('HGET', KEYS[1], 'owner')
local seq = tonumber(ARGV[2])
if not owner then
  if ARGV[4] ~= 'create' then return {'missing'} end
elseif owner ~= ARGV[1] then
  return {'fenced', owner}
else
  local stored = tonumber(redis.call('HGET', KEYS[1], 'seq')) or 0
  if seq == stored then return {'duplicate'} end
  local previous = ARGV[3]
  if seq < stored or (previous ~= '' and tonumber(previous) ~= stored) or (previous == '' and seq ~= stored + 1) then
    return {'out-of-order', tostring(stored)}
  end
end
local id = redis.call('XADD', KEYS[2], 'MINID', '~', ARGV[6], '*', 'event', ARGV[5])
redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'seq', seq)
redis.call('PEXPIRE', KEYS[1], ARGV[7])
return {'appended', id}
`;

/**
 * Makes an instance the call's owner. KEYS: the call's hash. ARGV: instance id, time to live (ms).
 * Replies the last seq any owner appended (0 when none).
 */
const CLAIM_LUA = `
local stored = tonumber(redis.call('HGET', KEYS[1], 'seq')) or 0
redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'seq', stored)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return stored
`;

/** What the append script decided. */
export type AppendOutcome =
  | { readonly kind: 'appended'; readonly id: string }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'fenced'; readonly owner: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'out-of-order'; readonly storedSeq: number };

/** The arguments of one fenced append. */
export interface AppendRequest {
  readonly callKey: string;
  readonly streamKey: string;
  readonly instanceId: string;
  readonly seq: number;
  readonly previousSeq: number | undefined;
  readonly create: boolean;
  readonly json: string;
  readonly minId: number;
  readonly ttlMs: number;
}

/** A Lua script run by its SHA1, loaded with EVAL the first time a server does not know it (NOSCRIPT). */
class LuaScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      // A restarted Redis has an empty script cache: EVAL loads the script and runs it in one step.
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}

const appendScript = new LuaScript(APPEND_LUA);
const claimScript = new LuaScript(CLAIM_LUA);

/** Runs the fenced append of one event. */
export async function fencedAppend(redis: Redis, request: AppendRequest): Promise<AppendOutcome> {
  const reply = (await appendScript.run(
    redis,
    [request.callKey, request.streamKey],
    [
      request.instanceId,
      request.seq,
      request.previousSeq ?? '',
      request.create ? 'create' : 'append',
      request.json,
      request.minId,
      request.ttlMs,
    ],
  )) as [string, string?];
  switch (reply[0]) {
    case 'appended':
      return { kind: 'appended', id: String(reply[1]) };
    case 'duplicate':
      return { kind: 'duplicate' };
    case 'fenced':
      return { kind: 'fenced', owner: String(reply[1]) };
    case 'missing':
      return { kind: 'missing' };
    case 'out-of-order':
      return { kind: 'out-of-order', storedSeq: Number(reply[1]) };
    default:
      throw new Error(`append script replied ${JSON.stringify(reply)}`);
  }
}

/** Makes `instanceId` the owner of the call behind `callKey`; resolves the last seq appended (0: none). */
export async function claimCall(redis: Redis, callKey: string, instanceId: string, ttlMs: number): Promise<number> {
  return Number(await claimScript.run(redis, [callKey], [instanceId, ttlMs]));
}
