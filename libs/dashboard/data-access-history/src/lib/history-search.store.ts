import { Injectable, computed, inject, signal } from '@angular/core';
import type { HistoryCall } from '@tnt/protocol';
import { HistoryApiClient } from './history-api.client';
import type { HistoryFilters } from './history-filters';
import type { HistoryProblem } from './history-problem';

/** Calls per page the history page asks for. */
export const HISTORY_PAGE_SIZE = 25;

/** Where the current search is: not started, waiting for its first page, shown, or failed. */
export type SearchPhase = 'idle' | 'loading' | 'loaded' | 'failed';

/**
 * One search of the history as signals: the filters, the calls found so far (pages appended as
 * "load more" follows the cursor), and what went wrong. Provide it per page: each history page
 * has its own search. A new search drops the answers of any earlier one still under way.
 */
@Injectable()
export class HistorySearchStore {
  private readonly api = inject(HistoryApiClient);
  private readonly filtersSignal = signal<HistoryFilters>({});
  private readonly callsSignal = signal<readonly HistoryCall[]>([]);
  private readonly nextCursor = signal<string | null>(null);
  private readonly phaseSignal = signal<SearchPhase>('idle');
  private readonly problemSignal = signal<HistoryProblem | undefined>(undefined);
  private readonly loadingMoreSignal = signal(false);
  private readonly loadMoreProblemSignal = signal<HistoryProblem | undefined>(undefined);
  /** Bumped by every search, so that the answers of an earlier one are recognised and dropped. */
  private generation = 0;

  /** The filters of the current search. */
  readonly filters = this.filtersSignal.asReadonly();
  /** The calls found so far, newest first. */
  readonly calls = this.callsSignal.asReadonly();
  /** Where the search is, see {@link SearchPhase}. */
  readonly phase = this.phaseSignal.asReadonly();
  /** Why the first page could not be loaded. */
  readonly problem = this.problemSignal.asReadonly();
  /** True while the next page is on its way. */
  readonly loadingMore = this.loadingMoreSignal.asReadonly();
  /** Why the last "load more" failed; the calls already shown stay. */
  readonly loadMoreProblem = this.loadMoreProblemSignal.asReadonly();
  /** True when the server has older calls for this search. */
  readonly hasMore = computed(() => this.nextCursor() !== null);

  /** Starts a search from its first page, replacing whatever was shown. */
  async search(filters: HistoryFilters): Promise<void> {
    const generation = ++this.generation;
    this.filtersSignal.set(filters);
    this.callsSignal.set([]);
    this.nextCursor.set(null);
    this.phaseSignal.set('loading');
    this.problemSignal.set(undefined);
    this.loadingMoreSignal.set(false);
    this.loadMoreProblemSignal.set(undefined);
    const result = await this.api.listCalls(filters, { limit: HISTORY_PAGE_SIZE });
    if (generation !== this.generation) return;
    if (!result.ok) {
      this.problemSignal.set(result.problem);
      this.phaseSignal.set('failed');
      return;
    }
    this.callsSignal.set(result.value.calls);
    this.nextCursor.set(result.value.nextCursor);
    this.phaseSignal.set('loaded');
  }

  /** Runs the current search again from its first page. */
  retry(): Promise<void> {
    return this.search(this.filtersSignal());
  }

  /** Appends the next (older) page; does nothing when there is none or it is already on its way. */
  async loadMore(): Promise<void> {
    const cursor = this.nextCursor();
    if (cursor === null || this.loadingMoreSignal() || this.phaseSignal() !== 'loaded') return;
    const generation = this.generation;
    this.loadingMoreSignal.set(true);
    this.loadMoreProblemSignal.set(undefined);
    const result = await this.api.listCalls(this.filtersSignal(), { limit: HISTORY_PAGE_SIZE, cursor });
    if (generation !== this.generation) return;
    this.loadingMoreSignal.set(false);
    if (!result.ok) {
      this.loadMoreProblemSignal.set(result.problem);
      return;
    }
    this.callsSignal.update((calls) => [...calls, ...result.value.calls]);
    this.nextCursor.set(result.value.nextCursor);
  }
}
