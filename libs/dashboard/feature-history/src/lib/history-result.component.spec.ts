import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { HistoryCall } from '@tnt/protocol';
import { aHistoryCall } from '@tnt/dashboard/data-access-history/testing';
import { HistoryResultComponent } from './history-result.component';

describe('HistoryResultComponent', () => {
  let fixture: ComponentFixture<HistoryResultComponent>;
  const host = () => fixture.nativeElement as HTMLElement;
  const text = (selector: string) => host().querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();

  function show(call: HistoryCall, link = '/history/demo-4'): void {
    fixture.componentRef.setInput('call', call);
    fixture.componentRef.setInput('link', link);
    fixture.detectChanges();
  }

  beforeEach(() => {
    fixture = TestBed.createComponent(HistoryResultComponent);
  });

  const searched = aHistoryCall({
    id: 'demo-4',
    agentId: 'agent-3',
    from: '+15550104',
    finalSegmentCount: 9,
    matches: [
      {
        seq: 4,
        segmentId: 'u2',
        speaker: 'caller',
        startMs: 65_000,
        endMs: 68_000,
        text: 'I need a refund.',
        highlights: [{ start: 9, end: 15 }],
        highlighted: '',
      },
      {
        seq: 9,
        segmentId: 'u5',
        speaker: 'agent',
        startMs: 90_000,
        endMs: 93_000,
        text: 'The refund is done.',
        highlights: [{ start: 4, end: 10 }],
        highlighted: '',
      },
    ],
  });

  it('names the call, links to it, and tells when it started, how long it lasted and how it ended', () => {
    show(searched);

    const link = host().querySelector('h3 a') as HTMLAnchorElement;
    expect(link.textContent).toBe('agent-3 with +15550104');
    expect(link.getAttribute('href')).toBe('/history/demo-4');
    expect(host().querySelector('time')?.getAttribute('datetime')).toBe('2026-03-02T10:00:00.000Z');
    expect(text('.facts')).toContain('2:05');
    expect(text('.facts')).toContain('9 lines');
    expect(text('.status')).toBe('Ended (completed)');
    expect(host().getAttribute('data-call-id')).toBe('demo-4');
  });

  it('lists each matching line with its speaker, offset and the matching word marked', () => {
    show(searched);

    const lines = [...host().querySelectorAll<HTMLElement>('.match')];
    expect(
      lines.map((line) => [
        line.dataset['segmentId'],
        line.dataset['speaker'],
        line.querySelector('.who')?.textContent?.replace(/\s+/g, ' ').trim(),
      ]),
    ).toEqual([
      ['u2', 'caller', 'Caller 1:05'],
      ['u5', 'agent', 'Agent 1:30'],
    ]);
    expect(lines.map((line) => line.querySelector('mark')?.textContent)).toEqual(['refund', 'refund']);
    expect(lines[0].querySelector('.text')?.textContent).toBe('I need a refund.');
  });

  it('shows a live call without a length and lists no lines when nothing was searched', () => {
    show(aHistoryCall({ status: 'active', endedAt: undefined, endReason: undefined }), '/calls/call-1');

    expect(text('.status')).toBe('Live');
    expect(host().querySelector('.status--live')).not.toBeNull();
    expect(text('.facts')).not.toContain('lasted');
    expect(host().querySelector('.matches')).toBeNull();
  });

  it('opens in place on a plain click and leaves a ctrl-click to the browser', () => {
    show(searched);
    const opened: string[] = [];
    fixture.componentInstance.opened.subscribe((link) => opened.push(link));
    const link = host().querySelector('h3 a') as HTMLAnchorElement;

    const plain = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
    link.dispatchEvent(plain);
    const withCtrl = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, ctrlKey: true });
    link.dispatchEvent(withCtrl);

    expect(opened).toEqual(['/history/demo-4']);
    expect(plain.defaultPrevented).toBe(true);
    expect(withCtrl.defaultPrevented).toBe(false);
  });
});
