import { TestBed } from '@angular/core/testing';
import { aCallerReading, aCallState, aSegment, aTalkReading } from '@tnt/dashboard/util-model/testing';
import { CallPanelComponent } from './call-panel.component';

describe('CallPanelComponent', () => {
  /** TEST DOUBLE of the browser's Clipboard API, which jsdom lacks: records what was written. */
  const written: string[] = [];
  const recordingClipboard = { writeText: async (text: string) => void written.push(text) };

  beforeEach(() => {
    written.length = 0;
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: recordingClipboard });
  });
  afterEach(() => {
    Reflect.deleteProperty(navigator, 'clipboard');
  });

  it('copies the transcript as text and says so on the button', async () => {
    const fixture = TestBed.createComponent(CallPanelComponent);
    fixture.componentRef.setInput(
      'call',
      aCallState({ id: 'demo-9', agentId: 'agent-2' }, [aSegment({ speaker: 'caller', text: 'Where is my parcel?', startMs: 1000 })]),
    );
    await fixture.whenStable();
    const copyButton = (fixture.nativeElement as HTMLElement).querySelector('tnt-call-header button') as HTMLButtonElement;

    copyButton.click();
    await fixture.whenStable();

    expect(written).toHaveLength(1);
    expect(written[0]).toContain('Call demo-9\nAgent: agent-2');
    expect(written[0]).toContain('[0:01] Caller: Where is my parcel?');
    expect(copyButton.textContent?.trim()).toBe('Copied');
  });

  it("shows the caller's sentiment trend, marked lexicon-based, between the header and the transcript", async () => {
    const fixture = TestBed.createComponent(CallPanelComponent);
    const readings = [aCallerReading({ id: 'a', callerTrend: 0.3 }), aCallerReading({ id: 'b', callerTrend: -0.2 })];
    fixture.componentRef.setInput('call', { ...aCallState({}, [aSegment()]), callerSentiment: readings });
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    const sparkline = host.querySelector('tnt-sentiment-sparkline');
    expect(sparkline?.querySelector('.method')?.textContent).toBe('lexicon-based');
    expect(sparkline?.querySelector('polyline')?.getAttribute('points')).toBe('0,7 80,12');
    expect(sparkline?.previousElementSibling?.tagName).toBe('TNT-CALL-HEADER');
  });

  it('shows the simulation label and a waiting message for a live call without words yet', async () => {
    const fixture = TestBed.createComponent(CallPanelComponent);
    fixture.componentRef.setInput('call', aCallState({}, []));
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    expect(host.querySelector('.empty')?.textContent).toBe('Waiting for the first words…');
    fixture.componentRef.setInput('call', aCallState({}, [aSegment({ simulated: true })]));
    await fixture.whenStable();
    expect(host.querySelector('tnt-call-header .badge')?.textContent).toBe('Simulation');
  });

  it('shows the talk-metrics panel once the call has a reading', async () => {
    const fixture = TestBed.createComponent(CallPanelComponent);
    fixture.componentRef.setInput('call', aCallState({}, [aSegment()]));
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    expect(host.querySelector('tnt-talk-metrics')).toBeNull();
    fixture.componentRef.setInput('call', { ...aCallState({}, [aSegment()]), metrics: aTalkReading() });
    await fixture.whenStable();
    expect(host.querySelector('tnt-talk-metrics [data-figure="agent-ratio"] dd')?.textContent?.trim()).toBe('60 %');
  });
});
