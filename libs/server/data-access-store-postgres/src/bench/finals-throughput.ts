import { PostgresCallStorage } from '../lib/postgres-call-storage';
import { activeCall, started, transcript } from '../testing/call-fixtures';
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from '../testing/test-database';

/** How fast one instance commits final segments, and how long one append takes. */
export interface FinalsThroughput {
  readonly calls: number;
  readonly finals: number;
  readonly perSecond: number;
  readonly appendP50Ms: number;
  readonly appendP99Ms: number;
}

/**
 * Commits `finalsPerCall` final segments in each of `calls` calls, the calls in parallel and each
 * call's finals one after another (as an owner does: a final is committed before the next is sent).
 */
export async function measureFinalsThroughput(
  storage: PostgresCallStorage,
  calls: number,
  finalsPerCall: number,
): Promise<FinalsThroughput> {
  const prefix = `bench-${calls}-${Date.now()}`;
  for (let index = 0; index < calls; index++) {
    const call = activeCall(`${prefix}-${index}`);
    await storage.log.createCall(call);
    await storage.log.append(started(call));
  }
  const times: number[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: calls }, async (_, index) => {
      const callId = `${prefix}-${index}`;
      for (let seq = 2; seq < finalsPerCall + 2; seq++) {
        const before = performance.now();
        await storage.log.append(transcript(callId, seq, `u${seq}`, 'I would like to ask about the second charge on my last invoice'));
        times.push(performance.now() - before);
      }
    }),
  );
  const elapsedMs = performance.now() - start;
  times.sort((a, b) => a - b);
  const at = (quantile: number) => Math.round(times[Math.min(times.length - 1, Math.floor(quantile * times.length))] * 100) / 100;
  const finals = calls * finalsPerCall;
  return { calls, finals, perSecond: Math.round((finals * 1000) / elapsedMs), appendP50Ms: at(0.5), appendP99Ms: at(0.99) };
}

/** Measures 1, 4, 16 and 64 parallel calls on a scratch schema and prints one line each. */
async function main(): Promise<void> {
  const schema = randomSchemaName();
  const storage = await PostgresCallStorage.open({ connectionString: TEST_DATABASE_URL, schema, instanceId: 'bench', poolSize: 16 });
  try {
    for (const calls of [1, 4, 16, 64]) {
      const outcome = await measureFinalsThroughput(storage, calls, Math.max(50, Math.round(4000 / calls)));
      console.log(JSON.stringify(outcome));
    }
  } finally {
    await storage.close();
    await dropSchema(schema);
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
