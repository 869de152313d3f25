import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthStore } from '@tnt/dashboard/data-access-auth';
import { CallsStore } from '@tnt/dashboard/data-access-calls';
import { CALL_ID_RULE, isCallId } from '@tnt/protocol';
import { CallPanelComponent } from './call-panel.component';

/**
 * The page of one call (`/calls/:id`): follows the call while it is open, for agents and
 * supervisors; an id outside the call-id rule is named as such and not asked for. The breadcrumb
 * leads back to the person's start page (the board, or an agent's own view).
 */
@Component({
  selector: 'tnt-call-view',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CallPanelComponent, RouterLink],
  templateUrl: './call-view.component.html',
  styleUrl: './call-view.component.css',
})
export class CallViewComponent {
  /** The call id, bound from the route's `:id`. */
  readonly id = input.required<string>();

  /** False for an id no call can have (`CALL_ID_RULE`): the page says so instead of waiting for it. */
  protected readonly validId = computed(() => isCallId(this.id()));
  protected readonly callIdRule = CALL_ID_RULE;
  private readonly store = inject(CallsStore);
  protected readonly call = computed(() => this.store.call(this.id()));
  protected readonly unknown = computed(() => this.store.isUnknownToServer(this.id()));
  private readonly session = inject(AuthStore).session;
  /** True for an agent: the server shows it only its own calls, and its start page is its own view. */
  protected readonly agentId = computed(() => {
    const session = this.session();
    return session?.role === 'agent' ? session.agentId : undefined;
  });

  constructor() {
    effect((onCleanup) => {
      const id = this.id();
      // The server would refuse to subscribe to an invalid id, and the page would wait forever.
      if (!isCallId(id)) return;
      onCleanup(untracked(() => this.store.followCall(id)));
    });
  }
}
