import { TestBed } from '@angular/core/testing';
import {
  ASSIST_DISMISSAL_STORAGE,
  ASSIST_DISMISSALS_KEY,
  AssistDismissalsStore,
  MAX_ASSIST_DISMISSALS,
  parseDismissals,
  withDismissal,
} from './assist-dismissals.store';

describe('dismissed assist cards', () => {
  it('adds a dismissal once and forgets the oldest past the limit', () => {
    const one = withDismissal([], 'a');
    expect(withDismissal(one, 'a')).toBe(one);
    const full = Array.from({ length: MAX_ASSIST_DISMISSALS }, (_, index) => `k${index}`);
    expect(withDismissal(full, 'new').slice(0, 1)).toEqual(['k1']);
    expect(withDismissal(full, 'new').at(-1)).toBe('new');
  });

  it('reads back what it wrote, and starts afresh from something else', () => {
    expect(parseDismissals('["a","b"]')).toEqual(['a', 'b']);
    expect(parseDismissals(null)).toEqual([]);
    expect(parseDismissals('{"a":1}')).toEqual([]);
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(parseDismissals('[')).toEqual([]);
  });

  it('keeps dismissals in the tab storage, so a new store (a reload) still hides them', () => {
    const storage = window.sessionStorage;
    storage.clear();
    TestBed.configureTestingModule({ providers: [{ provide: ASSIST_DISMISSAL_STORAGE, useValue: storage }] });
    const store = TestBed.inject(AssistDismissalsStore);
    store.dismiss('demo-1\u0000u1:assist:refunds');
    expect(store.dismissed().has('demo-1\u0000u1:assist:refunds')).toBe(true);
    expect(JSON.parse(storage.getItem(ASSIST_DISMISSALS_KEY) ?? '[]')).toEqual(['demo-1\u0000u1:assist:refunds']);

    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [{ provide: ASSIST_DISMISSAL_STORAGE, useValue: storage }] });
    expect(TestBed.inject(AssistDismissalsStore).dismissed().has('demo-1\u0000u1:assist:refunds')).toBe(true);
    storage.clear();
  });
});
