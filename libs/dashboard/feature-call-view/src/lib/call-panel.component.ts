import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { ClockService } from '@tnt/dashboard/data-access-calls';
import { SentimentSparklineComponent } from '@tnt/dashboard/ui-calls';
import { CallHeaderComponent, TalkMetricsComponent, TranscriptComponent, type CallHeaderAction } from '@tnt/dashboard/ui-transcript';
import { isLiveCall, isSimulatedCall, type CallState } from '@tnt/dashboard/util-model';
import { TranscriptExportService } from './transcript-export.service';

/** How long the copy button says "Copied" (or "Copy failed"). */
const COPY_FEEDBACK_MS = 2500;

/** Outcome of the last copy of the transcript, for the button's feedback. */
export type CopyOutcome = 'idle' | 'copied' | 'failed';

const COPY_LABELS: Record<CopyOutcome, string> = { idle: 'Copy text', copied: 'Copied', failed: 'Copy failed' };

/**
 * A call's header, the caller's lexicon-based sentiment trend and the live transcript, with copy and
 * download; shared by the call and agent views.
 */
@Component({
  selector: 'tnt-call-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CallHeaderComponent, SentimentSparklineComponent, TalkMetricsComponent, TranscriptComponent],
  template: `
    <tnt-call-header
      [call]="call().info"
      [now]="clock.now()"
      [simulated]="simulated()"
      [heldByServer]="call().heldByServer"
      [headingLevel]="headingLevel()"
      [actions]="actions()"
      (act)="act($event)"
    />
    @if (call().callerSentiment; as readings) {
      <tnt-sentiment-sparkline [readings]="readings" />
    }
    @if (call().metrics; as metrics) {
      <tnt-talk-metrics [metrics]="metrics" />
    }
    <tnt-transcript
      class="transcript"
      [segments]="call().segments"
      [alerts]="call().alerts ?? []"
      [assists]="call().assists ?? []"
      [emptyText]="emptyText()"
    />
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 1rem;
    }
  `,
})
export class CallPanelComponent {
  /** The call to show. */
  readonly call = input.required<CallState>();
  /** 1 when the panel is the page's subject, 2 inside another page. */
  readonly headingLevel = input<1 | 2>(1);

  protected readonly clock = inject(ClockService);
  private readonly exporter = inject(TranscriptExportService);
  protected readonly copyOutcome = signal<CopyOutcome>('idle');
  private copyFeedbackTimer: ReturnType<typeof setTimeout> | undefined;

  protected readonly simulated = computed(() => isSimulatedCall(this.call()));
  protected readonly actions = computed((): CallHeaderAction[] => [
    { id: 'copy', label: COPY_LABELS[this.copyOutcome()] },
    { id: 'download', label: 'Download .txt' },
  ]);
  protected readonly emptyText = computed(() =>
    isLiveCall(this.call()) ? 'Waiting for the first words…' : 'Nothing was transcribed in this call.',
  );

  protected act(actionId: string): void {
    if (actionId === 'copy') void this.copy();
    else if (actionId === 'download') this.download();
  }

  private async copy(): Promise<void> {
    const call = this.call();
    const copied = await this.exporter.copy(call.info, call.segments);
    this.copyOutcome.set(copied ? 'copied' : 'failed');
    clearTimeout(this.copyFeedbackTimer);
    this.copyFeedbackTimer = setTimeout(() => this.copyOutcome.set('idle'), COPY_FEEDBACK_MS);
  }

  private download(): void {
    const call = this.call();
    this.exporter.download(call.info, call.segments);
  }
}
