import type { Speaker } from '@tnt/protocol';
import type { EngineSegment } from '@tnt/server/util-engine';
import { spokenForm, type ScriptedTurn } from './scripted-conversations';

/** How the simulation paces speech. */
export interface ScriptedPacing {
  /** Audio time one word takes. */
  readonly wordMs: number;
  /** Silence between turns. */
  readonly gapMs: number;
  /** Audio time between interim hypotheses while a turn is spoken. */
  readonly interimIntervalMs: number;
}

/** Default pacing: about 170 words a minute, an interim every 250 ms. */
export const DEFAULT_PACING: ScriptedPacing = { wordMs: 350, gapMs: 700, interimIntervalMs: 250 };

/** A segment the simulation emits once the stream's audio reaches `atMs`. */
export interface TimedSegment {
  readonly atMs: number;
  readonly segment: EngineSegment;
}

/** Start and end of every turn, on the shared audio clock of the call. */
export interface TimedTurn extends ScriptedTurn {
  readonly startMs: number;
  readonly endMs: number;
}

/** Places each turn on the call's audio clock, one after another with a gap. */
export function timeTurns(turns: readonly ScriptedTurn[], pacing: ScriptedPacing): TimedTurn[] {
  let clockMs = pacing.gapMs;
  return turns.map((turn) => {
    const startMs = clockMs;
    const endMs = startMs + turn.text.split(/\s+/).length * pacing.wordMs;
    clockMs = endMs + pacing.gapMs;
    return { ...turn, startMs, endMs };
  });
}

/** Length of the whole conversation's audio, including the closing gap. */
export function conversationLengthMs(turns: readonly ScriptedTurn[], pacing: ScriptedPacing = DEFAULT_PACING): number {
  const timed = timeTurns(turns, pacing);
  return (timed.at(-1)?.endMs ?? 0) + pacing.gapMs;
}

/** A deterministic confidence in [0.82, 0.98] so simulated output looks like an engine's. */
function confidenceOf(turnIndex: number, wordCount: number): number {
  return Math.round((0.82 + (((turnIndex * 7919 + wordCount * 104729) % 17) / 16) * 0.16) * 100) / 100;
}

/**
 * Every segment one speaker's stream will emit: for each of its turns, interim hypotheses that
 * grow word by word, then the final with the same id at the end of the turn, all in the turn's
 * {@link spokenForm}.
 */
export function speakerTimeline(turns: readonly ScriptedTurn[], speaker: Speaker, pacing: ScriptedPacing): TimedSegment[] {
  const timeline: TimedSegment[] = [];
  timeTurns(turns, pacing).forEach((turn, turnIndex) => {
    if (turn.speaker !== speaker) return;
    const words = spokenForm(turn.text).split(' ');
    const id = `u${turnIndex + 1}`;
    for (let atMs = turn.startMs + pacing.interimIntervalMs; atMs < turn.endMs; atMs += pacing.interimIntervalMs) {
      const heard = Math.max(1, Math.floor((atMs - turn.startMs) / pacing.wordMs));
      timeline.push({
        atMs,
        segment: {
          id,
          text: words.slice(0, heard).join(' '),
          isFinal: false,
          confidence: Math.round((confidenceOf(turnIndex, heard) - 0.1) * 100) / 100,
          startMs: turn.startMs,
          endMs: atMs,
        },
      });
    }
    timeline.push({
      atMs: turn.endMs,
      segment: {
        id,
        text: words.join(' '),
        isFinal: true,
        confidence: confidenceOf(turnIndex, words.length),
        startMs: turn.startMs,
        endMs: turn.endMs,
      },
    });
  });
  return timeline;
}
