import { AgentAssistProcessor, AssistCardSet } from '@tnt/extensions/agent-assist';
import { AlertRuleSet, PhraseAlertProcessor } from '@tnt/extensions/phrase-alerts';
import { PII_ENTITIES, RedactionProcessor } from '@tnt/extensions/redaction';
import { DEFAULT_SENTIMENT_OPTIONS, SentimentProcessor } from '@tnt/extensions/sentiment';
import { REAL_TALK_CLOCK, TalkMetricsProcessor } from '@tnt/extensions/talk-metrics';
import type { AlertRule, AssistCard } from '@tnt/protocol';
import { TranscriptFormattingProcessor } from '@tnt/server/feature-transcript-format';
import type { TranscriptProcessor } from '@tnt/server/feature-transcription';
import { loadConfig } from '@tnt/server/util-config';
import { PrometheusMetrics } from '@tnt/server/util-metrics';

/** The demo's rules (tools/fixtures/demo/alert-rules.json) and the two the issue names. */
export const BENCH_ALERT_RULES: AlertRule[] = [
  { name: 'double-charge', phrases: ['charged', 'phone bill'], speaker: 'caller', severity: 'warning' },
  { name: 'late-delivery', phrases: ['arrive on monday', 'still not'], speaker: 'caller', severity: 'critical' },
  { name: 'locked-out', phrases: ['forgot my password', 'cannot log in'], speaker: 'caller', severity: 'warning' },
  { name: 'refund-given', phrases: ['refund'], speaker: 'agent', severity: 'info' },
  { name: 'cancellation', phrases: ['cancel my account', 'cancel my subscription'], speaker: 'caller', severity: 'critical' },
  { name: 'complaint', phrases: ['complaint', 'speak to a manager'], severity: 'warning' },
];

/** The demo's agent-assist cards (tools/fixtures/demo/assist-cards.json). */
export const BENCH_ASSIST_CARDS: AssistCard[] = [
  {
    id: 'double-charges',
    title: 'Charged twice',
    body: 'Refund the duplicate the same day.',
    phrases: ['charged', 'phone bill', 'charged twice'],
  },
  {
    id: 'late-parcel',
    title: 'Parcel not here yet',
    body: 'Look the order up in tracking.',
    phrases: ['arrive', 'still not', 'parcel', 'order number'],
  },
  { id: 'text-updates', title: 'Text updates', body: 'Turn on text updates on the order.', phrases: ['text message', 'on the way'] },
  {
    id: 'password-reset',
    title: 'Password reset',
    body: 'Send a reset link to the e-mail on file.',
    phrases: ['forgot my password', 'password', 'log in'],
  },
];

/** The modules measured one by one, in the pipeline's order (webhooks are not a transcript processor). */
export const MODULE_NAMES = [
  'transcript formatter',
  'PII redaction',
  'sentiment',
  'phrase alerts',
  'agent assist',
  'talk metrics',
] as const;

/** A module of {@link MODULE_NAMES}. */
export type ModuleName = (typeof MODULE_NAMES)[number];

/**
 * The real processor of `name`, configured as the gateway configures it by default (talk metrics:
 * a reading every 5 s at most, on the real clock; the pipeline's `callStarted`/`callEnding` start
 * and stop its timers).
 */
export function moduleProcessor(name: ModuleName): TranscriptProcessor {
  switch (name) {
    case 'transcript formatter':
      return new TranscriptFormattingProcessor(loadConfig({}));
    case 'PII redaction':
      return new RedactionProcessor(
        { entities: PII_ENTITIES, latestBirthYear: new Date().getUTCFullYear() - 12, carryWindowMs: 10_000, carriedCalls: 10_000 },
        new PrometheusMetrics(),
      );
    case 'sentiment':
      return new SentimentProcessor(DEFAULT_SENTIMENT_OPTIONS);
    case 'phrase alerts': {
      const rules = new AlertRuleSet();
      rules.apply(BENCH_ALERT_RULES, 1);
      return new PhraseAlertProcessor(rules);
    }
    case 'agent assist': {
      const cards = new AssistCardSet();
      cards.apply(BENCH_ASSIST_CARDS, 1);
      return new AgentAssistProcessor(cards);
    }
    case 'talk metrics':
      return new TalkMetricsProcessor(
        { intervalMs: 5000, silenceAlertMs: 10_000, maxCalls: 10_000, clock: REAL_TALK_CLOCK },
        new PrometheusMetrics(),
      );
  }
}
