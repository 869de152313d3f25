import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { TRANSCRIPT_FORMATS, type HistoryCall, type TranscriptFormat } from '@tnt/dashboard/data-access-history';
import { callDurationMs, formatDuration } from '@tnt/dashboard/util-model';
import { callTitle, formatDateAndTime, lineCount, storedCallStatus } from './history-format';

/** How each export format is offered. */
const FORMAT_LABELS: Record<TranscriptFormat, { readonly label: string; readonly name: string }> = {
  txt: { label: 'Text', name: 'plain text' },
  vtt: { label: 'WebVTT', name: 'WebVTT subtitles' },
  srt: { label: 'SubRip', name: 'SubRip subtitles' },
  json: { label: 'JSON', name: 'JSON data' },
};

/**
 * The head of a stored call: who talked to whom, when, how long, how it ended, how many lines
 * were stored, and a download button per export format.
 */
@Component({
  selector: 'tnt-past-call-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './past-call-header.component.html',
  styleUrl: './past-call-header.component.css',
})
export class PastCallHeaderComponent {
  /** The stored call. */
  readonly call = input.required<HistoryCall>();
  /** The format being prepared for download, if any. */
  readonly exporting = input<TranscriptFormat | undefined>(undefined);
  /** Why the last download failed, in words. */
  readonly exportProblem = input<string | undefined>(undefined);
  /** The person asked for the transcript in this format. */
  readonly export = output<TranscriptFormat>();

  protected readonly title = computed(() => callTitle(this.call()));
  protected readonly startedAt = computed(() => formatDateAndTime(this.call().startedAt));
  protected readonly status = computed(() => storedCallStatus(this.call()));
  protected readonly duration = computed(() => {
    const call = this.call();
    return call.endedAt === undefined ? 'still going' : formatDuration(callDurationMs(call, Date.parse(call.endedAt)));
  });
  protected readonly lines = computed(() => lineCount(this.call().finalSegmentCount));
  protected readonly formats = TRANSCRIPT_FORMATS.map((format) => ({ format, ...FORMAT_LABELS[format] }));
}
