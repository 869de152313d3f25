import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { TranscriptSegment } from '@tnt/protocol';
import { anAlert, anAssist, aSegment } from '@tnt/dashboard/util-model/testing';
import { TranscriptComponent } from './transcript.component';

describe('TranscriptComponent', () => {
  let fixture: ComponentFixture<TranscriptComponent>;
  const host = () => fixture.nativeElement as HTMLElement;
  const lines = () => [...host().querySelectorAll<HTMLElement>('li[data-segment-id]')];
  const scroller = () => host().querySelector('.scroller') as HTMLElement;

  async function show(segments: TranscriptSegment[]): Promise<void> {
    fixture.componentRef.setInput('segments', segments);
    await fixture.whenStable();
  }

  /** jsdom does no layout, so the scroller's geometry is given by hand. */
  function giveScrollerGeometry(scrollHeight: number, clientHeight: number): void {
    Object.defineProperty(scroller(), 'scrollHeight', { configurable: true, get: () => scrollHeight });
    Object.defineProperty(scroller(), 'clientHeight', { configurable: true, get: () => clientHeight });
  }

  function scrollTo(top: number): void {
    scroller().scrollTop = top;
    scroller().dispatchEvent(new Event('scroll'));
  }

  beforeEach(() => {
    fixture = TestBed.createComponent(TranscriptComponent);
  });

  it('lists each alert right after the line it was raised on', async () => {
    fixture.componentRef.setInput('alerts', [anAlert({ id: 'u1:refund', segmentId: 'u1', matched: 'refunded', severity: 'info' })]);
    await show([
      aSegment({ id: 'u1', speaker: 'agent', text: 'I have refunded it.', startMs: 700 }),
      aSegment({ id: 'u2', speaker: 'caller', text: 'Thanks.', startMs: 4000 }),
    ]);
    const items = [...host().querySelectorAll<HTMLElement>('.lines > li')];
    expect(items.map((item) => item.dataset['segmentId'] ?? `alert ${item.dataset['severity']}`)).toEqual(['u1', 'alert info', 'u2']);
    expect(items[1].textContent?.replace(/\s+/g, ' ').trim()).toBe('⚠ Alert refund: “refunded”');
  });

  it('lists the assist cards shown to the agent right after the line that called them up', async () => {
    fixture.componentRef.setInput('assists', [anAssist({ segmentId: 'u2', title: 'Refund policy', matched: 'refund' })]);
    await show([
      aSegment({ id: 'u1', speaker: 'agent', text: 'How can I help?', startMs: 700 }),
      aSegment({ id: 'u2', speaker: 'caller', text: 'I want a refund.', startMs: 4000 }),
      aSegment({ id: 'u3', speaker: 'agent', text: 'Sure.', startMs: 8000 }),
    ]);
    const items = [...host().querySelectorAll<HTMLElement>('.lines > li')];
    expect(items.map((item) => item.dataset['segmentId'] ?? `card ${item.dataset['cardId']}`)).toEqual(['u1', 'u2', 'card refunds', 'u3']);
    expect(items[2].textContent?.replace(/\s+/g, ' ').trim()).toBe('ℹ Card shown to the agent Refund policy: “refund”');
  });

  it('tells caller and agent apart and marks interim lines', async () => {
    await show([
      aSegment({ id: 'u1', speaker: 'agent', text: 'How can I help?', startMs: 700 }),
      aSegment({ id: 'u2', speaker: 'caller', text: 'I was', isFinal: false, startMs: 4000 }),
    ]);
    expect(lines().map((line) => [line.dataset['speaker'], line.dataset['final'], line.querySelector('.speaker')?.textContent])).toEqual([
      ['agent', 'true', 'Agent'],
      ['caller', 'false', 'Caller'],
    ]);
    expect(lines()[1].classList).toContain('interim');
  });

  it('replaces an interim line by its final in the same place', async () => {
    await show([aSegment({ id: 'u1', text: 'I was', isFinal: false }), aSegment({ id: 'u2', speaker: 'agent', startMs: 9000 })]);
    const interimElement = lines()[0];
    await show([aSegment({ id: 'u1', text: 'I was charged twice.' }), aSegment({ id: 'u2', speaker: 'agent', startMs: 9000 })]);
    expect(lines()).toHaveLength(2);
    expect(lines()[0]).toBe(interimElement);
    expect(lines()[0].querySelector('.text')?.textContent?.trim()).toBe('I was charged twice.');
    expect(lines()[0].dataset['final']).toBe('true');
  });

  it('announces the latest final line in a polite live region, not interim text', async () => {
    await show([
      aSegment({ id: 'u1', speaker: 'caller', text: 'Hello there.' }),
      aSegment({ id: 'u2', speaker: 'agent', text: 'Hi', isFinal: false, startMs: 5000 }),
    ]);
    const region = host().querySelector('[aria-live="polite"]');
    expect(region?.textContent?.trim()).toBe('Caller: Hello there.');
  });

  it('follows the latest line, pauses when the reader scrolls up, and jumps back on request', async () => {
    await show([aSegment({ id: 'u1' })]);
    giveScrollerGeometry(2000, 400);
    await show([aSegment({ id: 'u1' }), aSegment({ id: 'u2', startMs: 5000 })]);
    expect(scroller().scrollTop).toBe(2000);
    expect(host().querySelector('.jump')).toBeNull();

    scrollTo(500);
    await fixture.whenStable();
    await show([aSegment({ id: 'u1' }), aSegment({ id: 'u2', startMs: 5000 }), aSegment({ id: 'u3', startMs: 9000 })]);
    expect(scroller().scrollTop).toBe(500);
    const jump = host().querySelector('.jump') as HTMLButtonElement;
    expect(jump.textContent?.replace(/\s+/g, ' ').trim()).toBe('Jump to latest 1 new');

    jump.click();
    await fixture.whenStable();
    expect(scroller().scrollTop).toBe(2000);
    expect(host().querySelector('.jump')).toBeNull();
    expect(document.activeElement).toBe(scroller());
  });

  it('labels an all-simulated transcript once, and tags single simulated lines in a mixed one', async () => {
    await show([aSegment({ id: 'u1', simulated: true }), aSegment({ id: 'u2', simulated: true, startMs: 5000 })]);
    expect(host().querySelector('.simulation-notice')?.textContent).toContain('This transcript is scripted by a simulation');
    expect(host().querySelectorAll('.tag--simulated')).toHaveLength(0);

    await show([aSegment({ id: 'u1', simulated: false }), aSegment({ id: 'u2', simulated: true, startMs: 5000 })]);
    expect(host().querySelector('.simulation-notice')).toBeNull();
    expect([...host().querySelectorAll('.tag--simulated')].map((tag) => tag.closest('li')?.dataset['segmentId'])).toEqual(['u2']);
  });

  it('says nothing has been said yet before the first segment', async () => {
    fixture.componentRef.setInput('emptyText', 'Waiting for the first words…');
    await show([]);
    expect(host().querySelector('.empty')?.textContent).toBe('Waiting for the first words…');
  });
});
