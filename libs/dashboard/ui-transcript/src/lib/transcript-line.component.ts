import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { TranscriptSegment } from '@tnt/protocol';
import { formatConfidence, formatTimeOfDay, isLowConfidence, speakerLabel } from '@tnt/dashboard/util-model';

/**
 * One segment as a line of the conversation: the speaker, when it was said, and the text.
 * Interim text is shown in italics with a typing indicator until its final replaces it;
 * uncertain and simulated segments carry a visible tag.
 */
@Component({
  selector: 'li[tnt-transcript-line]',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './transcript-line.component.html',
  styleUrl: './transcript-line.component.css',
  host: {
    '[attr.data-segment-id]': 'segment().id',
    '[attr.data-speaker]': 'segment().speaker',
    '[attr.data-final]': 'segment().isFinal',
    '[class.interim]': '!segment().isFinal',
    '[class.low-confidence]': 'lowConfidence()',
  },
})
export class TranscriptLineComponent {
  /** The segment to show. */
  readonly segment = input.required<TranscriptSegment>();
  /** Tag the line when simulated; off when the whole transcript is labelled as simulated instead. */
  readonly tagSimulated = input(true);

  protected readonly speaker = computed(() => speakerLabel(this.segment().speaker));
  protected readonly time = computed(() => formatTimeOfDay(this.segment().timestamp));
  protected readonly lowConfidence = computed(() => isLowConfidence(this.segment()));
  protected readonly confidence = computed(() => formatConfidence(this.segment().confidence));
}
