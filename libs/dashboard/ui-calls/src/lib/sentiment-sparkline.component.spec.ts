import { ComponentFixture, TestBed } from '@angular/core/testing';
import { aCallerReading } from '@tnt/dashboard/util-model/testing';
import type { SentimentInsight } from '@tnt/protocol';
import { SentimentSparklineComponent } from './sentiment-sparkline.component';

describe('SentimentSparklineComponent', () => {
  let fixture: ComponentFixture<SentimentSparklineComponent>;
  const host = () => fixture.nativeElement as HTMLElement;

  function show(readings: readonly SentimentInsight[]): void {
    fixture.componentRef.setInput('readings', readings);
    fixture.detectChanges();
  }

  beforeEach(() => {
    fixture = TestBed.createComponent(SentimentSparklineComponent);
  });

  it('draws the caller trend as a line, marked lexicon-based, with the latest value and its mood', () => {
    show([
      aCallerReading({ id: 'a', callerTrend: 0.5 }),
      aCallerReading({ id: 'b', callerTrend: 0 }),
      aCallerReading({ id: 'c', callerTrend: -0.5 }),
    ]);
    expect(host().querySelector('polyline')?.getAttribute('points')).toBe('0,5 40,10 80,15');
    expect(host().querySelector('.method')?.textContent).toBe('lexicon-based');
    expect(host().querySelector('.value')?.textContent).toBe('−0.50');
    const figure = host().querySelector('figure');
    expect(figure?.getAttribute('data-mood')).toBe('negative');
    expect(figure?.getAttribute('title')).toMatch(
      /^Caller sentiment trend −0\.50 \(negative\), over 3 caller lines\. Lexicon-based: AFINN-165/,
    );
    expect(host().querySelector('svg')?.getAttribute('aria-label')).toBe(figure?.getAttribute('title'));
  });

  it('shows nothing before the caller said anything', () => {
    show([]);
    expect(host().querySelector('figure')).toBeNull();
  });
});
