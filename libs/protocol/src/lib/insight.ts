import { array, guard, literal, object, oneOf, optional, refine, string, type Infer } from './schema';
import { SPEAKER } from './speaker';

/** How urgent an alert is. */
export const ALERT_SEVERITY = oneOf(['info', 'warning', 'critical']);
/** How urgent an alert is, see {@link ALERT_SEVERITY}. */
export type AlertSeverity = Infer<typeof ALERT_SEVERITY>;

/**
 * Something a server-side module noticed in a call: an alert, a metrics update, a sentiment
 * reading, an assist card. Every insight has a `kind`, an `id` unique within its call and the
 * `timestamp` it was made (ISO 8601); `speaker` and `segmentId` name the segment it is about, when
 * there is one. Each kind adds its own fields (see {@link ALERT_INSIGHT}); fields and kinds may be
 * added, so a client keeps what it does not know and shows the kinds it knows.
 */
export const INSIGHT = object(
  {
    kind: string({ min: 1 }),
    id: string({ min: 1 }),
    timestamp: string(),
    speaker: optional(SPEAKER),
    segmentId: optional(string()),
  },
  'keep',
);
/** An insight of any kind, see {@link INSIGHT}. */
export type Insight = Infer<typeof INSIGHT>;

/**
 * A rule matched what was said: `rule` is the rule's id, `name` its name (what `/api/calls?alert=`
 * filters on), `severity` its urgency and `matched` the words that matched (as redacted).
 */
export const ALERT_INSIGHT = object(
  {
    kind: literal('alert'),
    id: string({ min: 1 }),
    timestamp: string(),
    speaker: optional(SPEAKER),
    segmentId: optional(string()),
    rule: string({ min: 1 }),
    name: string({ min: 1 }),
    severity: ALERT_SEVERITY,
    matched: string(),
  },
  'keep',
);
/** An alert, see {@link ALERT_INSIGHT}. */
export type AlertInsight = Infer<typeof ALERT_INSIGHT>;

/** True for a well-formed insight of any kind. */
export const isInsight = guard(INSIGHT);
/** True for a well-formed `alert` insight. */
export const isAlertInsight = guard(ALERT_INSIGHT);

/**
 * A phrase-alert rule as `TNT_ALERT_RULES_FILE` lists it: an `alert` named `name` is raised when a
 * final segment says one of `phrases` (whole words, simple stemming: `cancelling` matches
 * `cancel`) or matches `regex` (case-insensitive), optionally only when `speaker` says it;
 * `severity` defaults to `warning`.
 */
export const ALERT_RULE = refine(
  object(
    {
      name: string({ min: 1, max: 100 }),
      phrases: optional(array(string({ min: 1, max: 200 }), { max: 500 })),
      regex: optional(string({ min: 1, max: 500 })),
      speaker: optional(SPEAKER),
      severity: optional(ALERT_SEVERITY),
    },
    'reject',
  ),
  (rule) => (rule.phrases?.length ?? 0) > 0 || rule.regex !== undefined,
  { field: 'phrases', rule: 'at least one phrase when no regex is given' },
);
/** A phrase-alert rule, see {@link ALERT_RULE}. */
export type AlertRule = Infer<typeof ALERT_RULE>;

/** A list of phrase-alert rules (the contents of `TNT_ALERT_RULES_FILE`). */
export const ALERT_RULES = array(ALERT_RULE, { max: 1000 });

/** The body of `PUT /api/alert-rules` and the answer of `GET /api/alert-rules`: every rule in force. */
export const ALERT_RULES_BODY = object({ rules: ALERT_RULES }, 'reject');
/** Every alert rule in force, see {@link ALERT_RULES_BODY}. */
export type AlertRulesBody = Infer<typeof ALERT_RULES_BODY>;
