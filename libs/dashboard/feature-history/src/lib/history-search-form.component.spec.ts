import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { HistoryFilters } from '@tnt/dashboard/data-access-history';
import { HistorySearchFormComponent } from './history-search-form.component';

describe('HistorySearchFormComponent', () => {
  let fixture: ComponentFixture<HistorySearchFormComponent>;
  let asked: HistoryFilters[];
  const host = () => fixture.nativeElement as HTMLElement;
  const field = <T extends HTMLElement = HTMLInputElement>(id: string) => host().querySelector(`#tnt-history-${id}`) as T;

  function type(id: string, value: string): void {
    const input = field<HTMLInputElement | HTMLSelectElement>(id);
    input.value = value;
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
  }

  function submit(): void {
    (host().querySelector('button[type="submit"]') as HTMLButtonElement).click();
    fixture.detectChanges();
  }

  beforeEach(() => {
    fixture = TestBed.createComponent(HistorySearchFormComponent);
    asked = [];
    fixture.componentInstance.search.subscribe((filters) => asked.push(filters));
    fixture.detectChanges();
  });

  it('asks for the cleaned filters: words, status, agent and days', () => {
    type('text', '  refund  ');
    type('status', 'ended');
    type('agent', 'agent-2');
    type('from', '2026-03-01');
    type('to', '2026-03-02');
    submit();

    expect(asked).toEqual([{ text: 'refund', status: 'ended', agentId: 'agent-2', fromDate: '2026-03-01', toDate: '2026-03-02' }]);
  });

  it('shows the filters it is given, e.g. from the page URL', () => {
    fixture.componentRef.setInput('filters', { text: 'parcel', status: 'active', fromDate: '2026-03-01' });
    fixture.detectChanges();

    expect(field('text').value).toBe('parcel');
    expect(field<HTMLSelectElement>('status').value).toBe('active');
    expect(field('from').value).toBe('2026-03-01');
  });

  it('offers no agent filter to an agent, and never sends one for it', () => {
    type('agent', 'agent-9');
    fixture.componentRef.setInput('showAgentFilter', false);
    fixture.detectChanges();
    submit();

    expect(field('agent')).toBeNull();
    expect(asked).toEqual([{}]);
  });

  it('points at a last day before the first instead of asking', () => {
    type('from', '2026-03-05');
    type('to', '2026-03-01');
    submit();

    expect(asked).toEqual([]);
    expect(field('to').getAttribute('aria-invalid')).toBe('true');
    expect(field('to').getAttribute('aria-describedby')).toBe('tnt-history-filter-error');
    expect(host().querySelector('[role="alert"] #tnt-history-filter-error')?.textContent).toBe('The last day is before the first day.');
    expect(document.activeElement).toBe(field('to'));
  });

  it('clears every field and asks for all calls', () => {
    fixture.componentRef.setInput('filters', { text: 'parcel', agentId: 'agent-1' });
    fixture.detectChanges();
    (host().querySelector('button[type="button"]') as HTMLButtonElement).click();
    fixture.detectChanges();

    expect(asked).toEqual([{}]);
    expect(field('text').value).toBe('');
    expect(field('agent').value).toBe('');
  });
});
