import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { ClockService } from '@tnt/dashboard/data-access-calls';
import { CallHeaderComponent, TranscriptComponent, type CopyOutcome } from '@tnt/dashboard/ui-transcript';
import { isLiveCall, isSimulatedCall, type CallState } from '@tnt/dashboard/util-model';
import { TranscriptExportService } from './transcript-export.service';

/** How long the copy button says "Copied" (or "Copy failed"). */
const COPY_FEEDBACK_MS = 2500;

/** A call's header and live transcript, with copy and download; shared by the call and agent views. */
@Component({
  selector: 'tnt-call-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CallHeaderComponent, TranscriptComponent],
  template: `
    <tnt-call-header
      [call]="call().info"
      [now]="clock.now()"
      [simulated]="simulated()"
      [heldByServer]="call().heldByServer"
      [headingLevel]="headingLevel()"
      [copyOutcome]="copyOutcome()"
      (copyTranscript)="copy()"
      (downloadTranscript)="download()"
    />
    <tnt-transcript class="transcript" [segments]="call().segments" [emptyText]="emptyText()" />
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
  protected readonly emptyText = computed(() =>
    isLiveCall(this.call()) ? 'Waiting for the first words…' : 'Nothing was transcribed in this call.',
  );

  protected async copy(): Promise<void> {
    const call = this.call();
    const copied = await this.exporter.copy(call.info, call.segments);
    this.copyOutcome.set(copied ? 'copied' : 'failed');
    clearTimeout(this.copyFeedbackTimer);
    this.copyFeedbackTimer = setTimeout(() => this.copyOutcome.set('idle'), COPY_FEEDBACK_MS);
  }

  protected download(): void {
    const call = this.call();
    this.exporter.download(call.info, call.segments);
  }
}
