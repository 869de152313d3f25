import { Injectable } from '@nestjs/common';
import type { AssistInsight, Speaker, TranscriptSegment } from '@tnt/protocol';
import { matchRules } from '@tnt/extensions/phrase-alerts';
import {
  ProcessesTranscripts,
  type LiveCallContext,
  type TranscriptContext,
  type TranscriptProcessor,
} from '@tnt/server/feature-transcription';
import { AssistCardSet } from './assist-card-set';

/** Words of a speaker's previous final read in front of the next, so a phrase said across the two matches. */
const CARRIED_WORDS = 8;
/** Most calls whose raised cards and last words are held (a call lost to another instance never ends here). */
const HELD_CALLS = 10_000;

/** What one call has had: the cards raised, and each speaker's last words. */
interface CallAssist {
  readonly raised: Set<string>;
  readonly lastWords: Map<Speaker, string>;
}

/**
 * Agent assist: every final segment (already redacted: it runs at order 210, after redaction at 20
 * and phrase alerts at 200) is matched against the cards in force, and each card it matches that
 * the call has not had yet raises an `assist` insight, published right after the segment. A card is
 * raised once per call: the agent has it on screen already.
 */
@Injectable()
@ProcessesTranscripts({ order: 210 })
export class AgentAssistProcessor implements TranscriptProcessor {
  private readonly calls = new Map<string, CallAssist>();

  constructor(private readonly cards: AssistCardSet) {}

  process(segment: TranscriptSegment, context: TranscriptContext): TranscriptSegment {
    if (!segment.isFinal || this.cards.matchers.length === 0) return segment;
    const call = this.callOf(context.call.id);
    const matchers = this.cards.matchers.filter((matcher) => !call.raised.has(matcher.card.id));
    const before = call.lastWords.get(segment.speaker) ?? '';
    const matches = matchRules(
      matchers.map((matcher) => matcher.rule),
      segment.text,
      segment.speaker,
      before,
    );
    for (const { rule, matched } of matches) {
      const card = matchers.find((matcher) => matcher.rule === rule)?.card;
      if (!card) continue;
      call.raised.add(card.id);
      const insight: AssistInsight = {
        kind: 'assist',
        id: `${segment.id}:assist:${card.id}`,
        timestamp: segment.timestamp,
        cardId: card.id,
        title: card.title,
        body: card.body,
        ...(card.link === undefined ? {} : { link: card.link }),
        matched,
        segmentId: segment.id,
        speaker: segment.speaker,
      };
      context.raiseInsight(insight);
    }
    call.lastWords.set(segment.speaker, segment.text.split(/\s+/).slice(-CARRIED_WORDS).join(' '));
    return segment;
  }

  /** The call is over here: forget what it had. */
  callEnding(context: LiveCallContext): void {
    this.calls.delete(context.call.id);
  }

  /** How many calls are held (for tests and the curious). */
  get heldCalls(): number {
    return this.calls.size;
  }

  private callOf(callId: string): CallAssist {
    let call = this.calls.get(callId);
    if (call) return call;
    if (this.calls.size >= HELD_CALLS) this.calls.delete(this.calls.keys().next().value as string);
    call = { raised: new Set(), lastWords: new Map() };
    this.calls.set(callId, call);
    return call;
  }
}
