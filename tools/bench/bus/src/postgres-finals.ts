import type { CallEventMessage, CallInfo, TranscriptMessage } from '@tnt/protocol';
import type { RedisEventStream } from '@tnt/server/data-access-bus-redis';
import { PostgresCallStorage } from '@tnt/server/data-access-store-postgres';
import { randomSchemaName } from '@tnt/server/data-access-store-postgres/testing';
import { Client } from 'pg';
import { monotonicMs } from './bus-protocol';

/** How fast one instance commits finals to PostgreSQL while the stream fans each out. */
export interface PostgresFinalsOutcome {
  readonly finals: number;
  readonly finalsPerSecond: number;
  /** One final: PostgreSQL commit, then the stream append (ms). */
  readonly finalMs: number[];
}

function finalOf(callId: string, seq: number): TranscriptMessage {
  return {
    type: 'transcript',
    callId,
    seq,
    transcript: {
      id: `${callId}-u${seq}`,
      text: 'I would like to ask about the second charge on my last invoice please',
      speaker: seq % 2 === 0 ? 'caller' : 'agent',
      confidence: 0.87,
      timestamp: new Date().toISOString(),
      isFinal: true,
      startMs: seq * 3000,
      endMs: seq * 3000 + 2500,
      engine: 'pocketsphinx',
      simulated: false,
      annotations: { sentAt: monotonicMs() },
    },
  };
}

/**
 * Finals as an owning instance writes them in cluster mode: each committed to the PostgreSQL call
 * log (the fenced append, the gateway's pool of 10 connections) and then appended to the stream,
 * which the readers fan out; each call's finals one after another, the calls concurrent. Runs on a
 * schema of its own, dropped at the end. `started` resolves once every call has started and
 * `published` has been called for each start, so the caller can let the readers catch up.
 */
export async function postgresFinals(
  databaseUrl: string,
  publisher: RedisEventStream,
  calls: number,
  finals: number,
  started: (count: number) => Promise<void>,
): Promise<PostgresFinalsOutcome> {
  const schema = randomSchemaName();
  const storage = await PostgresCallStorage.open({ connectionString: databaseUrl, schema, instanceId: 'bench-publisher' });
  try {
    const callIds = Array.from({ length: calls }, (_, index) => `pg-${index}`);
    for (const callId of callIds) {
      const call: CallInfo = { id: callId, agentId: 'agent-1', startedAt: new Date().toISOString(), status: 'active' };
      const start: CallEventMessage = { type: 'call', event: 'started', seq: 1, call };
      await storage.log.createCall(call);
      await storage.log.append(start);
      await publisher.publish(start);
    }
    await started(calls);
    const perCall = Math.ceil(finals / calls);
    const finalMs: number[] = [];
    const startedAt = monotonicMs();
    await Promise.all(
      callIds.map(async (callId) => {
        for (let seq = 2; seq < perCall + 2; seq++) {
          const final = finalOf(callId, seq);
          const before = monotonicMs();
          await storage.log.append(final);
          await publisher.publish(final);
          finalMs.push(monotonicMs() - before);
        }
      }),
    );
    const seconds = (monotonicMs() - startedAt) / 1000;
    return { finals: perCall * calls, finalsPerSecond: (perCall * calls) / seconds, finalMs };
  } finally {
    await storage.close();
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
  }
}
