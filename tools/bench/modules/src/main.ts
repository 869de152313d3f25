/**
 * Hot-path cost of the transcript modules (issue 15): realistic support-call segments (interims and
 * finals with spoken numbers, an e-mail address, alert phrases and card triggers) go through the
 * real `TranscriptPipeline` with every module, each module alone, and a pass-through processor
 * (the pipeline's own cost), timed per event with `process.hrtime.bigint()`; the pipelines take turns
 * pass by pass, each pass a new set of calls.
 *
 *   node tools/build/build-server.js && node dist/server/tools/bench/modules/src/main.js [--finals=5000] [--calls=50]
 *
 * Prints a Markdown table and writes it with the raw figures to dist/bench/modules-hot-path.{json,md}.
 */
import { Logger } from '@nestjs/common';
import type { CallInfo, Insight, TranscriptSegment } from '@tnt/protocol';
import { PLACEHOLDERS } from '@tnt/extensions/redaction';
import { ProcessesTranscripts, type TranscriptProcessor } from '@tnt/server/feature-transcription';
import { transcriptPipelineOf } from '@tnt/server/feature-transcription/testing';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { eventCostTable, summariseEventCosts, type PipelineCostRow } from './event-cost';
import { MODULE_NAMES, moduleProcessor, type ModuleName } from './module-processors';
import { supportCallSegments } from './support-call-segments';

/** The pipeline's own cost: a processor that hands every segment on unchanged. */
@ProcessesTranscripts({ order: 1 })
class PassThroughProcessor implements TranscriptProcessor {
  process(segment: TranscriptSegment): TranscriptSegment {
    return segment;
  }
}

/** True when the redactor replaced something in `text`. */
const hasPlaceholder = (text: string): boolean => Object.values(PLACEHOLDERS).some((placeholder) => text.includes(placeholder));

function options() {
  const { values } = parseArgs({
    options: { finals: { type: 'string', default: '5000' }, calls: { type: 'string', default: '50' } },
  });
  const finals = Number(values.finals);
  const calls = Number(values.calls);
  if (!Number.isInteger(finals) || finals < 100) throw new Error(`--finals must be an integer ≥ 100 (got ${values.finals})`);
  if (!Number.isInteger(calls) || calls < 1) throw new Error(`--calls must be a positive integer (got ${values.calls})`);
  return { finals, calls };
}

/** One pipeline under measurement: its processors, and what it cost and produced so far. */
class MeasuredPipeline {
  private readonly pipeline: ReturnType<typeof transcriptPipelineOf>;
  private readonly interimCosts: bigint[] = [];
  private readonly finalCosts: bigint[] = [];
  private insights = 0;
  private redactedSegments = 0;
  private passes = 0;

  constructor(
    readonly label: string,
    processors: TranscriptProcessor[],
  ) {
    this.pipeline = transcriptPipelineOf(...processors);
  }

  /**
   * One pass: the support call on `calls` new calls at once, segment by segment round-robin over
   * the calls (so per-call state is kept as in a live gateway), from `callStarted` to `callEnding`.
   * Only a measured pass keeps its costs and counts what the processors produced.
   */
  async runPass(script: readonly TranscriptSegment[], calls: number, measuring: boolean): Promise<void> {
    const pass = ++this.passes;
    const raiseInsight = (_insight: Insight): void => {
      if (measuring) this.insights++;
    };
    const contexts = Array.from({ length: calls }, (_, index) => {
      const call: CallInfo = {
        id: `bench-${pass}-${index + 1}`,
        agentId: 'agent-1',
        startedAt: new Date().toISOString(),
        status: 'active',
      };
      return { call, raiseInsight };
    });
    for (const context of contexts) await this.pipeline.callStarted(context);
    for (const segment of script) {
      for (const context of contexts) {
        const started = process.hrtime.bigint();
        const processed = await this.pipeline.run(segment, context);
        const cost = process.hrtime.bigint() - started;
        if (!measuring) continue;
        (segment.isFinal ? this.finalCosts : this.interimCosts).push(cost);
        if (processed && hasPlaceholder(processed.text)) this.redactedSegments++;
      }
    }
    for (const context of contexts) await this.pipeline.callEnding(context);
  }

  row(): PipelineCostRow {
    return {
      pipeline: this.label,
      interims: summariseEventCosts(this.interimCosts),
      finals: summariseEventCosts(this.finalCosts),
      insights: this.insights,
      redactedSegments: this.redactedSegments,
    };
  }
}

async function main(): Promise<void> {
  const { finals, calls } = options();
  // The processors log what they do (a failed insight, a redaction failure): only warnings matter here.
  Logger.overrideLogger(['warn', 'error']);
  const loadAtStart = loadavg();
  const every = (): TranscriptProcessor[] => MODULE_NAMES.map((name) => moduleProcessor(name));
  const configurations: [string, () => TranscriptProcessor[]][] = [
    ['pass-through (pipeline only)', () => [new PassThroughProcessor()]],
    ['all modules', every],
    ...MODULE_NAMES.map((name): [string, () => TranscriptProcessor[]] => [name, () => [moduleProcessor(name as ModuleName)]]),
  ];
  const pipelines = configurations.map(([label, processors]) => new MeasuredPipeline(label, processors()));
  const script = supportCallSegments();
  const finalsPerPass = script.filter((segment) => segment.isFinal).length * calls;
  const passes = Math.ceil(finals / finalsPerPass);
  // The pipelines take turns pass by pass, so a burst of load from other processes on this shared
  // machine falls on all of them alike; the first pass of each is a warm-up (JIT, caches).
  for (let pass = 0; pass <= passes; pass++) {
    for (const pipeline of pipelines) await pipeline.runPass(script, calls, pass > 0);
  }
  const rows = pipelines.map((pipeline) => pipeline.row());
  for (const row of rows) console.log(`${row.pipeline}: interim p99 ${row.interims.p99Us} µs, final p99 ${row.finals.p99Us} µs`);
  const loadAtEnd = loadavg();
  const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' ');
  const markdown = [
    `Hot path: per-event cost of \`TranscriptPipeline.run\` (µs, process.hrtime.bigint), ${calls} calls round-robin, ` +
      `node ${process.version}; load average ${load(loadAtStart)} at start, ${load(loadAtEnd)} at end.`,
    '',
    eventCostTable(rows),
    '',
    'Webhooks are not a transcript processor: they observe stored `alert` and `ended` events, so their cost is in the ' +
      'contact-centre on/off run (bench:modules part 2), not here.',
  ].join('\n');
  console.log(`\n${markdown}`);
  const outputDir = join(process.cwd(), 'dist', 'bench');
  mkdirSync(outputDir, { recursive: true });
  writeFileSync(join(outputDir, 'modules-hot-path.json'), JSON.stringify({ calls, loadAtStart, loadAtEnd, rows }, null, 2));
  writeFileSync(join(outputDir, 'modules-hot-path.md'), `${markdown}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
