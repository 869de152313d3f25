import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { CallInfo } from '@tnt/protocol';
import { callDurationMs, formatDuration, formatTimeOfDay } from '@tnt/dashboard/util-model';

/** Outcome of the last copy of the transcript, for the button's feedback. */
export type CopyOutcome = 'idle' | 'copied' | 'failed';

/**
 * The head of a call: who talks to whom, since when, how long, its status, whether the text is
 * simulated, and buttons to copy or download the transcript.
 */
@Component({
  selector: 'tnt-call-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './call-header.component.html',
  styleUrl: './call-header.component.css',
})
export class CallHeaderComponent {
  /** The call's details. */
  readonly call = input.required<CallInfo>();
  /** The current time (epoch ms), for the ticking duration. */
  readonly now = input.required<number>();
  /** True when the transcript is scripted by a simulation. */
  readonly simulated = input(false);
  /** False once the server no longer holds the call. */
  readonly heldByServer = input(true);
  /** The heading level of the title: 1 on the call's own page, 2 inside another page. */
  readonly headingLevel = input<1 | 2>(1);
  /** Feedback for the copy button. */
  readonly copyOutcome = input<CopyOutcome>('idle');
  /** The person asked to copy the transcript. */
  readonly copyTranscript = output<void>();
  /** The person asked to download the transcript. */
  readonly downloadTranscript = output<void>();

  protected readonly title = computed(() => `${this.call().agentId} with ${this.call().from ?? 'an unknown caller'}`);
  protected readonly startedAt = computed(() => formatTimeOfDay(this.call().startedAt));
  protected readonly duration = computed(() => formatDuration(callDurationMs(this.call(), this.now())));
  protected readonly live = computed(() => this.call().status === 'active' && this.heldByServer());
  protected readonly status = computed(() => {
    const call = this.call();
    if (this.live()) return 'Live';
    if (call.status === 'active') return 'No longer on the server';
    return call.endReason ? `Ended (${call.endReason.replace(/-/g, ' ')})` : 'Ended';
  });
  protected readonly copyLabel = computed(() => ({ idle: 'Copy text', copied: 'Copied', failed: 'Copy failed' })[this.copyOutcome()]);
}
