import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { CallsStore, ClockService } from '@tnt/dashboard/data-access-calls';
import { CallCardComponent, CallFilterComponent } from '@tnt/dashboard/ui-calls';
import { matchesCallFilter } from '@tnt/dashboard/util-model';

/** How many ended calls the board lists under "Recently ended". */
export const RECENTLY_ENDED_SHOWN = 12;

/**
 * The supervisor board (`/`): every live call as a card, updated as people speak, a filter by
 * agent or words, the live count, and the calls that ended recently. A card opens its call.
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
  protected readonly loaded = this.store.callListLoaded;
  protected readonly liveCount = computed(() => this.store.liveCalls().length);
  protected readonly liveCalls = computed(() => this.store.liveCalls().filter((call) => matchesCallFilter(call, this.query())));
  protected readonly endedCalls = computed(() =>
    this.store
      .endedCalls()
      .filter((call) => matchesCallFilter(call, this.query()))
      .slice(0, RECENTLY_ENDED_SHOWN),
  );

  constructor() {
    inject(DestroyRef).onDestroy(this.store.followAllCalls());
  }

  protected linkTo(callId: string): string {
    return this.router.serializeUrl(this.router.createUrlTree(['/calls', callId]));
  }

  protected open(link: string): void {
    void this.router.navigateByUrl(link);
  }
}
