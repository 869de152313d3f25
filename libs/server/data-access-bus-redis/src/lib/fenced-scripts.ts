import { createHash } from 'node:crypto';
import type Redis from 'ioredis';

/**
 * Appends a run of one call's events, oldest first, fenced by the call's hash {owner, seq}, in one
 * atomic step (group commit: one script call for what an owner has queued, not one per event).
 * Each event is decided exactly as if it were appended alone, in order, with the seq the previous
 * one left as its `previous`: equal seq is an idempotent retry ('duplicate'), a seq below the
 * stored one or a stored seq other than `previous` is refused ('out-of-order'), a missing hash or
 * another owner stops the run. The run stops at the first event neither appended nor a duplicate;
 * the events after it are not decided (the caller sends them again).
 * One more idempotent case, for a run whose reply was lost and that is sent again (possibly with
 * more events behind it): when this instance owns the call and the stored seq is one of the run's
 * seqs above `previous`, every event up to it was appended by that first attempt: 'duplicate'.
 * KEYS: the call's hash, the stream. ARGV: instance id, the seq this instance last appended for
 * the call ('' when it does not know), the MINID threshold, the hash's time to live (ms), then per
 * event: seq, mode ('append'; 'create' for a new call's `started` event or when ownership was
 * confirmed after the hash vanished), the event JSON.
 * Replies one reply per event decided: {'appended', id} | {'duplicate'} | {'fenced', owner} |
 * {'missing'} | {'out-of-order', stored seq}.
 */
const APPEND_BATCH_LUA = `
local instance = ARGV[1]
local previous = ARGV[2]
local count = (#ARGV - 4) / 3
local replies = {}
local function seqAt(i) return tonumber(ARGV[4 + 3 * (i - 1) + 1]) end

local retried = 0
if previous ~= '' and redis.call('HGET', KEYS[1], 'owner') == instance then
  local stored = tonumber(redis.call('HGET', KEYS[1], 'seq')) or 0
  local prior = tonumber(previous)
  if stored > prior then
    for i = 1, count do
      local seq = seqAt(i)
      if seq <= prior or seq > stored then break end
      if seq == stored then retried = i break end
    end
  end
end

local function decide(i)
  local seq = seqAt(i)
  if i <= retried then return {'duplicate'} end
  local owner = redis.call('HGET', KEYS[1], 'owner')
  if not owner then
    if ARGV[4 + 3 * (i - 1) + 2] ~= 'create' then return {'missing'} end
  elseif owner ~= instance then
    return {'fenced', owner}
  else
    local stored = tonumber(redis.call('HGET', KEYS[1], 'seq')) or 0
    if seq == stored then return {'duplicate'} end
    if seq < stored or (previous ~= '' and tonumber(previous) ~= stored) or (previous == '' and seq ~= stored + 1) then
      return {'out-of-order', tostring(stored)}
    end
  end
  local id = redis.call('XADD', KEYS[2], 'MINID', '~', ARGV[3], '*', 'event', ARGV[4 + 3 * (i - 1) + 3])
  redis.call('HSET', KEYS[1], 'owner', instance, 'seq', seq)
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  return {'appended', id}
end

for i = 1, count do
  local reply = decide(i)
  replies[i] = reply
  if reply[1] ~= 'appended' and reply[1] ~= 'duplicate' then return replies end
  previous = ARGV[4 + 3 * (i - 1) + 1]
end
return replies
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

/** One event of a fenced append run. */
export interface AppendedEvent {
  readonly seq: number;
  /** Creates the call's hash when it is missing (a new call's `started`, or ownership confirmed by the log). */
  readonly create: boolean;
  readonly json: string;
}

/** The arguments of one fenced append run (one call's events, oldest first). */
export interface AppendRequest {
  readonly callKey: string;
  readonly streamKey: string;
  readonly instanceId: string;
  /** The seq this instance last appended or claimed for the call; undefined when it does not know. */
  readonly previousSeq: number | undefined;
  readonly events: readonly AppendedEvent[];
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

const appendScript = new LuaScript(APPEND_BATCH_LUA);
const claimScript = new LuaScript(CLAIM_LUA);

/**
 * Runs the fenced append of a run of one call's events in one script call; resolves one outcome per
 * event decided, in order (fewer than the events when the run stopped at a refusal).
 */
export async function fencedAppend(redis: Redis, request: AppendRequest): Promise<AppendOutcome[]> {
  if (request.events.length === 0) return [];
  const eventArgs = request.events.flatMap((event) => [event.seq, event.create ? 'create' : 'append', event.json]);
  const replies = (await appendScript.run(
    redis,
    [request.callKey, request.streamKey],
    [request.instanceId, request.previousSeq ?? '', request.minId, request.ttlMs, ...eventArgs],
  )) as [string, string?][];
  if (!Array.isArray(replies)) throw new Error(`append script replied ${JSON.stringify(replies)}`);
  return replies.map(outcomeOf);
}

function outcomeOf(reply: [string, string?]): AppendOutcome {
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
