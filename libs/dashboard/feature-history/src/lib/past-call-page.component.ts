import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { describeHistoryProblem, EXPORT_FORMATS, PastCallStore } from '@tnt/dashboard/data-access-history';
import { CallHeaderComponent, type CallHeaderAction } from '@tnt/dashboard/ui-transcript';
import { CALL_ID_RULE, isCallId, type TranscriptFormat } from '@tnt/protocol';
import { PastTranscriptComponent } from './past-transcript.component';

const FORMAT_NAMES: Record<TranscriptFormat, string> = { txt: 'text', vtt: 'WebVTT', srt: 'SubRip', json: 'JSON' };

/** How each export format is offered: a short label, and in full for the tooltip and screen readers. */
const EXPORT_BUTTONS: Record<TranscriptFormat, { readonly label: string; readonly name: string }> = {
  txt: { label: 'Text', name: 'plain text' },
  vtt: { label: 'WebVTT', name: 'WebVTT subtitles' },
  srt: { label: 'SubRip', name: 'SubRip subtitles' },
  json: { label: 'JSON', name: 'JSON data' },
};

/**
 * A stored call, read-only (`/history/:id`): its details and the final transcript the server
 * stored, with downloads of every export format. A call still going on links to its live view.
 */
@Component({
  selector: 'tnt-past-call-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, CallHeaderComponent, PastTranscriptComponent],
  providers: [PastCallStore],
  templateUrl: './past-call-page.component.html',
  styleUrl: './past-call-page.component.css',
})
export class PastCallPageComponent {
  /** The call id, bound from the route's `:id`. */
  readonly id = input.required<string>();

  /** False for an id no call can have (`CALL_ID_RULE`): the page says so instead of asking the server. */
  protected readonly validId = computed(() => isCallId(this.id()));
  protected readonly callIdRule = CALL_ID_RULE;
  protected readonly store = inject(PastCallStore);
  /** One download button per export format; the action id is the format. */
  protected readonly exportActions: readonly CallHeaderAction[] = EXPORT_FORMATS.map((format) => ({
    id: format,
    label: EXPORT_BUTTONS[format].label,
    detail: `.${format}`,
    description: `Download the transcript as ${EXPORT_BUTTONS[format].name}`,
  }));
  protected readonly problemText = computed(() => {
    const state = this.store.state();
    return state?.kind === 'failed' ? describeHistoryProblem(state.problem, `Call ${state.callId}`) : undefined;
  });
  protected readonly exportProblemText = computed(() => {
    const failed = this.store.exportProblem();
    if (!failed) return undefined;
    const { title, detail } = describeHistoryProblem(failed.problem, `Call ${this.id()}`);
    return `The ${FORMAT_NAMES[failed.format]} download did not work: ${title}. ${detail}`;
  });

  constructor() {
    effect(() => {
      const id = this.id();
      if (isCallId(id)) untracked(() => void this.store.load(id));
    });
  }

  protected download(actionId: string): void {
    const format = EXPORT_FORMATS.find((candidate) => candidate === actionId);
    if (format) void this.store.download(format);
  }

  protected reload(): void {
    void this.store.load(this.id());
  }
}
