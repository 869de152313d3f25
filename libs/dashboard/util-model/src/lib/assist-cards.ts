import type { AssistInsight } from '@tnt/protocol';
import type { CallState } from './call-state';

/** How a dismissed card is remembered: by its call and its insight id (unique within the call). */
export function assistDismissalKey(callId: string, assist: AssistInsight): string {
  return `${callId}\u0000${assist.id}`;
}

/** The cards raised in `call` that the agent has not dismissed, newest first. */
export function visibleAssists(call: CallState, dismissed: ReadonlySet<string>): AssistInsight[] {
  return (call.assists ?? []).filter((assist) => !dismissed.has(assistDismissalKey(call.info.id, assist))).reverse();
}
