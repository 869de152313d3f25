import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { CallsStore, ClockService } from '@tnt/dashboard/data-access-calls';
import { CallCardComponent, CallFilterComponent } from '@tnt/dashboard/ui-calls';
import { matchesCallFilter, type CallState } from '@tnt/dashboard/util-model';

/** How many ended calls the board lists under "Recently ended". */
export const RECENTLY_ENDED_SHOWN = 12;

/**
 * The supervisor board (`/`): every live call as a card, updated as people speak, a filter by
 * agent or words and one to the calls with alerts, the live count, and the calls that ended recently. A card opens its call.
 */
@Component({
  selector: 'tnt-supervisor-board',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CallCardComponent, CallFilterComponent],
  templateUrl: './supervisor-board.component.html',
  styleUrl: './supervisor-board.component.css',
})
export class SupervisorBoardComponent {
  private readonly store = inject(CallsStore);
  private readonly router = inject(Router);
  protected readonly clock = inject(ClockService);

  protected readonly query = signal('');
  /** Show only the calls in which an alert was raised. */
  protected readonly alertsOnly = signal(false);
  protected readonly loaded = this.store.callListLoaded;
  protected readonly liveCount = computed(() => this.store.liveCalls().length);
  protected readonly liveCalls = computed(() => this.store.liveCalls().filter((call) => this.shows(call)));
  protected readonly endedCalls = computed(() =>
    this.store
      .endedCalls()
      .filter((call) => this.shows(call))
      .slice(0, RECENTLY_ENDED_SHOWN),
  );

  constructor() {
    inject(DestroyRef).onDestroy(this.store.followAllCalls());
  }

  private shows(call: CallState): boolean {
    return matchesCallFilter(call, this.query()) && (!this.alertsOnly() || (call.alerts?.length ?? 0) > 0);
  }

  protected linkTo(callId: string): string {
    return this.router.serializeUrl(this.router.createUrlTree(['/calls', callId]));
  }

  protected open(link: string): void {
    void this.router.navigateByUrl(link);
  }
}
