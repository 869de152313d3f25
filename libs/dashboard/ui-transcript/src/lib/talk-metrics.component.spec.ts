import { ComponentFixture, TestBed } from '@angular/core/testing';
import { aTalkReading } from '@tnt/dashboard/util-model/testing';
import type { TalkMetricsInsight } from '@tnt/protocol';
import { TalkMetricsComponent } from './talk-metrics.component';

describe('TalkMetricsComponent', () => {
  let fixture: ComponentFixture<TalkMetricsComponent>;
  const host = () => fixture.nativeElement as HTMLElement;
  const text = (selector: string) => host().querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
  const figure = (name: string) => text(`[data-figure="${name}"] dd`);

  function show(reading: TalkMetricsInsight): void {
    fixture.componentRef.setInput('metrics', reading);
    fixture.detectChanges();
  }

  beforeEach(() => {
    fixture = TestBed.createComponent(TalkMetricsComponent);
  });

  it('shows talk time, the agent share, silence, overtalk and pace of the reading', () => {
    show(aTalkReading());
    expect(figure('agent-talk')).toBe('0:15');
    expect(figure('caller-talk')).toBe('0:10');
    expect(figure('agent-ratio')).toBe('60 %');
    expect(figure('silence')).toBe('0:06');
    expect(figure('longest-silence')).toBe('2.5 s');
    expect(figure('overtalk')).toBe('1 s');
    expect(figure('agent-pace')).toBe('165 wpm');
    expect(figure('caller-pace')).toBe('140 wpm');
    expect(text('.as-of')).toBe('as of 0:30');
  });

  it('follows a newer reading and says when it covers the whole call', () => {
    show(aTalkReading());
    show(aTalkReading({ asOfMs: 95_000, talkMs: { caller: 40_000, agent: 45_000 }, final: true }));
    expect(figure('agent-talk')).toBe('0:45');
    expect(text('.as-of')).toBe('whole call');
  });
});
