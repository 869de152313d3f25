import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { Router } from '@angular/router';
import { AuthStore } from '@tnt/dashboard/data-access-auth';
import {
  cleanFilters,
  describeHistoryProblem,
  filtersProblem,
  hasNoFilters,
  HistorySearchStore,
  sameFilters,
  type HistoryFilters,
} from '@tnt/dashboard/data-access-history';
import type { HistoryCall } from '@tnt/protocol';
import { historyPageParams } from './history-page-params';
import { HistoryResultComponent } from './history-result.component';
import { HistorySearchFormComponent } from './history-search-form.component';

/**
 * The call history (`/history`): search the stored calls by words said, status, agent and days;
 * results show the matching lines with the words marked, newest call first, with "load more"
 * for older ones. The search lives in the URL (`?q=…&status=…&agentId=…&from=…&to=…`), bound to
 * this page's inputs. Agents see only their own calls: the server decides, the agent filter is
 * not offered to them.
 */
@Component({
  selector: 'tnt-history-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [HistorySearchFormComponent, HistoryResultComponent],
  providers: [HistorySearchStore],
  templateUrl: './history-page.component.html',
  styleUrl: './history-page.component.css',
})
export class HistoryPageComponent {
  /** Words to search for (query parameter `q`). */
  readonly q = input<string>();
  /** `active` or `ended`. */
  readonly status = input<string>();
  /** Calls of this agent only; ignored for an agent, who only ever sees its own. */
  readonly agentId = input<string>();
  /** First day, `YYYY-MM-DD`. */
  readonly from = input<string>();
  /** Last day, `YYYY-MM-DD`. */
  readonly to = input<string>();

  protected readonly store = inject(HistorySearchStore);
  private readonly router = inject(Router);
  private readonly session = inject(AuthStore).session;
  protected readonly isSupervisor = computed(() => this.session()?.role !== 'agent');
  protected readonly filters = computed<HistoryFilters>(
    () =>
      cleanFilters({
        text: this.q(),
        status: this.status(),
        agentId: this.isSupervisor() ? this.agentId() : undefined,
        fromDate: this.from(),
        toDate: this.to(),
      }),
    { equal: sameFilters },
  );
  /** A link with filters the form would not have sent (a day that does not exist, say). */
  protected readonly linkProblem = computed(() => filtersProblem(this.filters()));
  protected readonly problemText = computed(() => {
    const problem = this.store.problem();
    return problem ? describeHistoryProblem(problem) : undefined;
  });
  protected readonly loadMoreProblemText = computed(() => {
    const problem = this.store.loadMoreProblem();
    return problem ? describeHistoryProblem(problem) : undefined;
  });
  protected readonly filtered = computed(() => !hasNoFilters(this.store.filters()));
  /** One sentence about the results, announced politely as they change. */
  protected readonly summary = computed(() => {
    const phase = this.store.phase();
    if (phase === 'loading') return 'Searching…';
    if (phase !== 'loaded') return '';
    const count = this.store.calls().length;
    const calls = `${count} ${count === 1 ? 'call' : 'calls'}`;
    const searched = this.store.filters().text;
    const found = searched === undefined ? `${calls}` : `${calls} with “${searched}”`;
    return this.store.hasMore() ? `${found} shown, newest first; older calls follow.` : `${found}, newest first.`;
  });

  constructor() {
    effect(() => {
      const filters = this.filters();
      if (filtersProblem(filters)) return;
      untracked(() => void this.store.search(filters));
    });
  }

  /** Live calls open in the live view; everything else in the read-only history view. */
  protected linkTo(call: HistoryCall): string {
    const path = call.status === 'active' ? ['/calls', call.id] : ['/history', call.id];
    return this.router.serializeUrl(this.router.createUrlTree(path));
  }

  protected open(link: string): void {
    this.navigate(this.router.navigateByUrl(link), link);
  }

  protected searchFor(filters: HistoryFilters): void {
    // The same URL would be no navigation at all; asking again must still search again.
    if (sameFilters(filters, this.filters())) {
      void this.store.search(filters);
      return;
    }
    this.navigate(this.router.navigate(['/history'], { queryParams: historyPageParams(filters) }), '/history');
  }

  private navigate(navigation: Promise<boolean>, target: string): void {
    navigation.catch((error: unknown) => console.error(`TnT: could not open ${target}`, error));
  }
}
