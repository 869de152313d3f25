import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { AssistInsight } from '@tnt/protocol';
import { AssistDismissalsStore, CallsStore, ClockService } from '@tnt/dashboard/data-access-calls';
import { CallPanelComponent } from '@tnt/dashboard/feature-call-view';
import { assistDismissalKey, callDurationMs, formatDuration, formatTimeOfDay, visibleAssists } from '@tnt/dashboard/util-model';
import { AssistCardsComponent } from './assist-cards.component';

/**
 * The agent's screen (`/agent/:agentId`): follows the agent's current call and its transcript,
 * says "waiting for a call" in between, and picks up the next call by itself. Knowledge cards
 * (agent assist) raised as the caller speaks are listed beside the transcript, newest first, until
 * the agent dismisses them (for as long as the tab is open).
 */
@Component({
  selector: 'tnt-agent-view',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AssistCardsComponent, CallPanelComponent, RouterLink],
  templateUrl: './agent-view.component.html',
  styleUrl: './agent-view.component.css',
})
export class AgentViewComponent {
  /** The agent id, bound from the route's `:agentId`. */
  readonly agentId = input.required<string>();

  private readonly store = inject(CallsStore);
  private readonly clock = inject(ClockService);
  private readonly dismissals = inject(AssistDismissalsStore);
  protected readonly currentCall = computed(() => this.store.liveCallOfAgent(this.agentId()));
  /** The current call's cards the agent has not dismissed, newest first. */
  protected readonly assists = computed(() => {
    const call = this.currentCall();
    return call ? visibleAssists(call, this.dismissals.dismissed()) : [];
  });
  /** Only the id: the subscription must not restart on every new line of the call. */
  private readonly currentCallId = computed(() => this.currentCall()?.info.id);
  protected readonly loaded = this.store.callListLoaded;
  protected readonly lastCall = computed(() => {
    const call = this.store.lastEndedCallOfAgent(this.agentId());
    if (!call) return undefined;
    return {
      id: call.info.id,
      from: call.info.from ?? 'an unknown caller',
      endedAt: call.info.endedAt ? formatTimeOfDay(call.info.endedAt) : undefined,
      duration: formatDuration(callDurationMs(call.info, this.clock.now())),
    };
  });

  constructor() {
    inject(DestroyRef).onDestroy(this.store.followAllCalls());
    effect((onCleanup) => {
      const callId = this.currentCallId();
      if (callId) onCleanup(untracked(() => this.store.followCall(callId)));
    });
  }

  /** Hides the card for the rest of this tab's life. */
  protected dismiss(assist: AssistInsight): void {
    const callId = this.currentCallId();
    if (callId) this.dismissals.dismiss(assistDismissalKey(callId, assist));
  }
}
