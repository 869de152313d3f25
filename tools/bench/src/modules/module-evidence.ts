import type { HistoryCall, HistoryTranscript } from '@tnt/protocol';

/** The placeholders the redaction module writes (libs/extensions/redaction, `PLACEHOLDERS`). */
export const REDACTION_PLACEHOLDERS = ['[CARD]', '[PHONE]', '[SSN]', '[DOB]', '[EMAIL]', '[NUMBER]'] as const;

/** What the modules left in the stored calls of one round: proof that they ran on the measured events. */
export interface ModuleEvidence {
  readonly calls: number;
  /** Insights stored with the calls, by kind (`alert`, `assist`, `sentiment`, `talk-metrics` …). */
  readonly insightsByKind: Readonly<Record<string, number>>;
  /** Final segments whose stored text holds a redaction placeholder. */
  readonly redactedFinals: number;
  /** Final segments stored with a formatter's `raw` (the engine's words kept beside the readable text). */
  readonly formattedFinals: number;
  readonly finals: number;
}

async function getJson<T>(url: string, token: string): Promise<T> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return (await response.json()) as T;
}

/** Reads every call of the round back through the history API (`GET /api/calls/:id` and its transcript). */
export async function readModuleEvidence(
  httpBaseUrl: string,
  supervisorToken: string,
  callIds: readonly string[],
): Promise<ModuleEvidence> {
  const insightsByKind: Record<string, number> = {};
  let redactedFinals = 0;
  let formattedFinals = 0;
  let finals = 0;
  for (const callId of callIds) {
    const call = await getJson<HistoryCall>(`${httpBaseUrl}/api/calls/${encodeURIComponent(callId)}`, supervisorToken);
    for (const insight of call.insights ?? []) insightsByKind[insight.kind] = (insightsByKind[insight.kind] ?? 0) + 1;
    const transcript = await getJson<HistoryTranscript>(
      `${httpBaseUrl}/api/calls/${encodeURIComponent(callId)}/transcript?format=json`,
      supervisorToken,
    );
    for (const segment of transcript.segments) {
      finals++;
      if (REDACTION_PLACEHOLDERS.some((placeholder) => segment.text.includes(placeholder))) redactedFinals++;
      if (segment.raw !== undefined) formattedFinals++;
    }
  }
  return { calls: callIds.length, insightsByKind, redactedFinals, formattedFinals, finals };
}

/** The evidence as one line, e.g. `alert 120, assist 80 · 40/900 finals redacted · 900 formatted`. */
export function describeEvidence(evidence: ModuleEvidence): string {
  const kinds = Object.entries(evidence.insightsByKind)
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([kind, count]) => `${kind} ${count}`);
  return (
    `${evidence.calls} calls: insights ${kinds.length > 0 ? kinds.join(', ') : 'none'} · ` +
    `${evidence.redactedFinals}/${evidence.finals} finals redacted · ${evidence.formattedFinals} formatted`
  );
}
