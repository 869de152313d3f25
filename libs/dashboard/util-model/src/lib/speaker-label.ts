import type { Speaker } from '@tnt/protocol';

const LABELS: Record<Speaker, string> = { caller: 'Caller', agent: 'Agent' };

/** The speaker's name as shown to people: `Caller` or `Agent`. */
export function speakerLabel(speaker: Speaker): string {
  return LABELS[speaker];
}
