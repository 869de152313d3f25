import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import {
  alertNames,
  callDurationMs,
  formatDuration,
  isLiveCall,
  isSimulatedCall,
  lastFinalSegment,
  speakerLabel,
  speakersTalking,
  type CallState,
} from '@tnt/dashboard/util-model';
import { SentimentSparklineComponent } from './sentiment-sparkline.component';

/**
 * One call on the supervisor board: agent, caller, a ticking duration, status, who is speaking
 * now, the alerts raised, the caller's sentiment trend and the last final line. The whole card opens
 * the call; it is a real link, so it can also be opened in a new tab.
 */
@Component({
  selector: 'tnt-call-card',
  imports: [SentimentSparklineComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './call-card.component.html',
  styleUrl: './call-card.component.css',
  host: { '[attr.data-call-id]': 'call().info.id', '[class.ended]': '!live()', '[class.alerted]': 'alerts().length > 0' },
})
export class CallCardComponent {
  /** The call to show. */
  readonly call = input.required<CallState>();
  /** The current time (epoch ms), for the duration. */
  readonly now = input.required<number>();
  /** Where the card links to, e.g. `/calls/demo-1`. */
  readonly link = input.required<string>();
  /** The card was activated without a modifier key (the app navigates in place). */
  readonly opened = output<string>();

  protected readonly live = computed(() => isLiveCall(this.call()));
  protected readonly duration = computed(() => formatDuration(callDurationMs(this.call().info, this.now())));
  protected readonly lastLine = computed(() => lastFinalSegment(this.call()));
  protected readonly talking = computed(() => speakersTalking(this.call()).map(speakerLabel));
  protected readonly simulated = computed(() => isSimulatedCall(this.call()));
  protected readonly alerts = computed(() => alertNames(this.call()));
  /** The most urgent severity among the call's alerts, for the mark's colour. */
  protected readonly alertSeverity = computed(() => {
    const severities = (this.call().alerts ?? []).map((alert) => alert.severity);
    return severities.includes('critical') ? 'critical' : severities.includes('warning') ? 'warning' : 'info';
  });
  protected readonly statusLabel = computed(() => {
    const call = this.call();
    if (isLiveCall(call)) return 'Live';
    if (!call.heldByServer && call.info.status === 'active') return 'Lost';
    return 'Ended';
  });
  protected readonly speakerLabel = speakerLabel;

  protected open(event: MouseEvent): void {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.opened.emit(this.link());
  }
}
