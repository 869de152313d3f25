import { TestBed } from '@angular/core/testing';
import { AuthStore } from '@tnt/dashboard/data-access-auth';
import { aStoredCall, aStoredSegment, startHistoryTestSession, type HistoryTestSession } from '../testing';
import { HISTORY_PAGE_SIZE, HistorySearchStore } from './history-search.store';

/** 60 stored calls, `call-60` the newest; every tenth mentions a refund. */
const STORED = Array.from({ length: 60 }, (_, index) => {
  const number = 60 - index;
  const text = number % 10 === 0 ? 'I want a refund.' : 'Where is my parcel?';
  return aStoredCall({ id: `call-${number}`, startedAt: new Date(Date.UTC(2026, 2, 1, 0, number)).toISOString() }, [
    aStoredSegment({ text }),
  ]);
});

describe('HistorySearchStore against a real HTTP peer', () => {
  let session: HistoryTestSession;
  let store: HistorySearchStore;

  beforeEach(async () => {
    session = await startHistoryTestSession([...STORED]);
    TestBed.configureTestingModule({ providers: [...session.providers, HistorySearchStore] });
    await TestBed.inject(AuthStore).signIn('sam', 'sam-password');
    store = TestBed.inject(HistorySearchStore);
  });
  afterEach(async () => {
    TestBed.resetTestingModule();
    sessionStorage.clear();
    await session.stop();
  });

  const ids = () => store.calls().map((call) => call.id);

  it('shows the first page, then appends older pages until the cursor runs out', async () => {
    await store.search({});
    expect(store.phase()).toBe('loaded');
    expect(ids()).toHaveLength(HISTORY_PAGE_SIZE);
    expect(ids()[0]).toBe('call-60');
    expect(store.hasMore()).toBe(true);

    await store.loadMore();
    await store.loadMore();

    expect(ids()).toEqual(STORED.map((stored) => stored.call.id));
    expect(store.hasMore()).toBe(false);
    await store.loadMore();
    expect(session.history.requests).toHaveLength(3);
  });

  it('replaces the results with a new search and keeps its filters for paging', async () => {
    await store.search({});
    await store.search({ text: 'refund' });

    expect(ids()).toEqual(['call-60', 'call-50', 'call-40', 'call-30', 'call-20', 'call-10']);
    expect(store.filters()).toEqual({ text: 'refund' });
    expect(store.calls()[0].matches?.[0].text).toBe('I want a refund.');
  });

  it('drops the answer of an earlier search that arrives after a newer one', async () => {
    session.history.slowDown('parcel', 300);

    const older = store.search({ text: 'parcel' });
    const newer = store.search({ text: 'refund' });
    await Promise.all([older, newer]);

    expect(store.filters()).toEqual({ text: 'refund' });
    expect(ids()).toHaveLength(6);
  });

  it('keeps the calls shown when loading more fails, says why, and can try again', async () => {
    await store.search({});
    session.history.keepNoHistory();

    await store.loadMore();

    expect(ids()).toHaveLength(HISTORY_PAGE_SIZE);
    expect(store.loadMoreProblem()).toEqual({ kind: 'unavailable', message: 'this gateway keeps no history (TNT_STORE=memory)' });
    expect(store.loadingMore()).toBe(false);
    await store.retry();
    expect(store.phase()).toBe('failed');
    expect(store.problem()?.kind).toBe('unavailable');
    expect(store.calls()).toEqual([]);
  });
});
