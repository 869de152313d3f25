import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { HistoryCall } from '@tnt/protocol';
import {
  callDurationMs,
  callStatusText,
  callTitle,
  formatDateAndTime,
  formatDuration,
  lineCount,
  speakerLabel,
} from '@tnt/dashboard/util-model';
import { HighlightedTextComponent } from './highlighted-text.component';

/**
 * One stored call in the history's results: who talked, when, how long, how it ended, and the
 * lines that matched the search with the matching words marked. The title is a real link (it
 * opens in a new tab too); a plain click lets the app navigate in place.
 */
@Component({
  selector: 'tnt-history-result',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [HighlightedTextComponent],
  templateUrl: './history-result.component.html',
  styleUrl: './history-result.component.css',
  host: { '[attr.data-call-id]': 'call().id' },
})
export class HistoryResultComponent {
  /** The stored call, with its matches when the listing searched for text. */
  readonly call = input.required<HistoryCall>();
  /** Where the call opens, e.g. `/history/demo-1`. */
  readonly link = input.required<string>();
  /** The link was activated without a modifier key. */
  readonly opened = output<string>();

  protected readonly title = computed(() => callTitle(this.call()));
  protected readonly startedAt = computed(() => formatDateAndTime(this.call().startedAt));
  protected readonly live = computed(() => this.call().status === 'active');
  protected readonly status = computed(() => callStatusText(this.call()));
  /** How long an ended call lasted; a live one has no length yet. */
  protected readonly duration = computed(() => {
    const call = this.call();
    return call.endedAt === undefined ? undefined : formatDuration(callDurationMs(call, Date.parse(call.endedAt)));
  });
  protected readonly lines = computed(() => lineCount(this.call().finalSegmentCount));
  protected readonly speakerLabel = speakerLabel;
  protected readonly offset = formatDuration;
  protected readonly headingId = computed(() => `history-call-${this.call().id}`);

  protected open(event: MouseEvent): void {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.opened.emit(this.link());
  }
}
