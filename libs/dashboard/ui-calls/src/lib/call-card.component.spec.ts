import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { CallState } from '@tnt/dashboard/util-model';
import { aCallerReading, aCallState, anAlert, aSegment } from '@tnt/dashboard/util-model/testing';
import { CallCardComponent } from './call-card.component';

describe('CallCardComponent', () => {
  let fixture: ComponentFixture<CallCardComponent>;
  const host = () => fixture.nativeElement as HTMLElement;
  const text = (selector: string) => host().querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();

  function show(call: CallState, now = Date.parse('2026-03-02T10:01:05.000Z')): void {
    fixture.componentRef.setInput('call', call);
    fixture.componentRef.setInput('now', now);
    fixture.componentRef.setInput('link', `/calls/${call.info.id}`);
    fixture.detectChanges();
  }

  beforeEach(() => {
    fixture = TestBed.createComponent(CallCardComponent);
  });

  it('shows agent, caller, live status, a duration that ticks with now, and the last final line', () => {
    const call = aCallState({ agentId: 'agent-3', from: '+15550142' }, [
      aSegment({ id: 'u1', speaker: 'agent', text: 'How can I help?', startMs: 700 }),
      aSegment({ id: 'u2', speaker: 'caller', text: 'My parcel', isFinal: false, startMs: 4000 }),
    ]);
    show(call);
    expect(text('.agent')).toBe('agent-3');
    expect(text('.caller')).toBe('+15550142');
    expect(text('.status')).toBe('Live');
    expect(text('.duration')).toBe('1:05');
    expect(text('.last-line')).toBe('Agent: How can I help?');
    expect(text('.speaking')).toBe('Caller speaking');

    show(call, Date.parse('2026-03-02T10:02:00.000Z'));
    expect(text('.duration')).toBe('2:00');
  });

  it('shows an ended call as ended, with its final length, and nobody speaking', () => {
    show(aCallState({ status: 'ended', endedAt: '2026-03-02T10:00:42.000Z' }, [aSegment({ isFinal: false, id: 'u9' })]));
    expect(text('.status')).toBe('Ended');
    expect(text('.duration')).toBe('0:42');
    expect(text('.speaking')).toBe('Call ended');
    expect(text('.last-line')).toBe('No final line yet');
    expect(host().classList).toContain('ended');
  });

  it("shows the caller's lexicon-based sentiment trend once the caller has spoken", () => {
    show(aCallState());
    expect(host().querySelector('tnt-sentiment-sparkline figure')).toBeNull();
    show({ ...aCallState(), callerSentiment: [aCallerReading({ callerTrend: -0.4 })] });
    expect(text('tnt-sentiment-sparkline figcaption')).toBe('Caller sentiment lexicon-based');
    expect(text('tnt-sentiment-sparkline .value')).toBe('−0.40');
  });

  it('marks a call with alerts, naming each once, coloured by the most urgent', () => {
    show({
      ...aCallState(),
      alerts: [anAlert(), anAlert({ id: 'u2:refund' }), anAlert({ id: 'u3:legal', name: 'legal', severity: 'critical' })],
    });
    expect(text('.alerts')).toBe('⚠ Alerts: refund, legal');
    expect(host().querySelector('.alerts')?.getAttribute('data-severity')).toBe('critical');
    expect(host().classList).toContain('alerted');
    show(aCallState());
    expect(host().querySelector('.alerts')).toBeNull();
  });

  it('labels a simulated call as simulation', () => {
    show(aCallState({}, [aSegment({ simulated: true })]));
    expect(text('.badge')).toBe('Simulation');
    show(aCallState({}, [aSegment({ simulated: false })]));
    expect(host().querySelector('.badge')).toBeNull();
  });

  it('is a real link to the call and asks the app to open it on a plain click', () => {
    show(aCallState({ id: 'demo-4' }));
    const link = host().querySelector('a') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('/calls/demo-4');
    const opened: string[] = [];
    fixture.componentInstance.opened.subscribe((target) => opened.push(target));

    const plain = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
    link.dispatchEvent(plain);
    const newTab = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, ctrlKey: true });
    link.dispatchEvent(newTab);

    expect(opened).toEqual(['/calls/demo-4']);
    expect(plain.defaultPrevented).toBe(true);
    expect(newTab.defaultPrevented).toBe(false);
  });
});
