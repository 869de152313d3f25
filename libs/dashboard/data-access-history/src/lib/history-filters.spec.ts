import { cleanFilters, filtersProblem, hasNoFilters, historyQueryParams, sameFilters } from './history-filters';

/** The local calendar day and time of an ISO instant, e.g. `2026-03-01 00:00`. */
function localDayAndTime(iso: string): string {
  const time = new Date(iso);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${time.getFullYear()}-${two(time.getMonth() + 1)}-${two(time.getDate())} ${two(time.getHours())}:${two(time.getMinutes())}`;
}

describe('history filters', () => {
  it('trims fields, drops blank ones and ignores a status the server does not know', () => {
    expect(cleanFilters({ text: '  refund  ', status: 'paused', agentId: ' ', fromDate: '2026-03-01', toDate: null })).toEqual({
      text: 'refund',
      fromDate: '2026-03-01',
    });
    expect(cleanFilters({ status: 'ended' })).toEqual({ status: 'ended' });
    expect(hasNoFilters(cleanFilters({ text: '', agentId: '   ' }))).toBe(true);
  });

  it('tells equal and different filters apart', () => {
    expect(sameFilters({ text: 'bill', status: 'ended' }, { status: 'ended', text: 'bill' })).toBe(true);
    expect(sameFilters({ text: 'bill' }, { text: 'bill', agentId: 'agent-1' })).toBe(false);
  });

  it('turns inclusive local days into the instants the server filters on, the last day up to its end', () => {
    const params = historyQueryParams({ fromDate: '2026-03-01', toDate: '2026-03-02' }, { limit: 25 });

    expect(localDayAndTime(params['from'])).toBe('2026-03-01 00:00');
    expect(localDayAndTime(params['to'])).toBe('2026-03-03 00:00');
    expect(params['from']).toMatch(/Z$/);
  });

  it('names every API parameter it sends, and the cursor only when paging on', () => {
    expect(historyQueryParams({ text: 'refund', status: 'active', agentId: 'agent-3' }, { limit: 25 })).toEqual({
      q: 'refund',
      status: 'active',
      agentId: 'agent-3',
      limit: '25',
    });
    expect(historyQueryParams({}, { limit: 25, cursor: 'abc' })).toEqual({ limit: '25', cursor: 'abc' });
  });

  it('points at the field at fault: an impossible day, a last day before the first, an overlong search', () => {
    expect(filtersProblem({ fromDate: '2026-02-30' })).toEqual({
      field: 'fromDate',
      message: 'Enter the first day as a date, e.g. 2026-03-01.',
    });
    expect(filtersProblem({ toDate: 'tomorrow' })).toEqual({ field: 'toDate', message: 'Enter the last day as a date, e.g. 2026-03-02.' });
    expect(filtersProblem({ fromDate: '2026-03-02', toDate: '2026-03-01' })).toEqual({
      field: 'toDate',
      message: 'The last day is before the first day.',
    });
    expect(filtersProblem({ text: 'x'.repeat(201) })?.field).toBe('text');
    expect(filtersProblem({ fromDate: '2026-03-01', toDate: '2026-03-01', text: 'refund' })).toBeUndefined();
  });
});
