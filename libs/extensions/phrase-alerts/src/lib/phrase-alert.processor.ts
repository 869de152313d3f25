import { Injectable } from '@nestjs/common';
import type { AlertInsight, TranscriptSegment } from '@tnt/protocol';
import { ProcessesTranscripts, type TranscriptContext, type TranscriptProcessor } from '@tnt/server/feature-transcription';
import { AlertRuleSet } from './alert-rule-set';
import { matchRules } from './phrase-matcher';

/** Words of a speaker's previous final read in front of the next, so a phrase said across the two matches. */
const CARRIED_WORDS = 8;
/** Most calls whose speakers' last words are held. */
const CARRIED_CALLS = 10_000;

/**
 * Phrase alerts: every final segment is matched against the rules in force, and each rule it
 * matches raises an `alert` insight, published right after the segment (so clients see the alert
 * where it happened). It runs late (order 200), on text already redacted.
 */
@Injectable()
@ProcessesTranscripts({ order: 200 })
export class PhraseAlertProcessor implements TranscriptProcessor {
  private readonly lastWords = new Map<string, string>();

  constructor(private readonly rules: AlertRuleSet) {}

  process(segment: TranscriptSegment, context: TranscriptContext): TranscriptSegment {
    if (!segment.isFinal || this.rules.matchers.length === 0) return segment;
    const key = `${context.call.id}\u0000${segment.speaker}`;
    const before = this.lastWords.get(key) ?? '';
    for (const { rule, matched } of matchRules(this.rules.matchers, segment.text, segment.speaker, before)) {
      const insight: AlertInsight = {
        kind: 'alert',
        id: `${segment.id}:${rule.name}`,
        timestamp: segment.timestamp,
        speaker: segment.speaker,
        segmentId: segment.id,
        rule: rule.name,
        name: rule.name,
        severity: rule.severity,
        matched,
      };
      context.raiseInsight(insight);
    }
    this.remember(key, segment.text);
    return segment;
  }

  private remember(key: string, text: string): void {
    this.lastWords.delete(key);
    if (this.lastWords.size >= CARRIED_CALLS) this.lastWords.delete(this.lastWords.keys().next().value as string);
    this.lastWords.set(key, text.split(/\s+/).slice(-CARRIED_WORDS).join(' '));
  }
}
