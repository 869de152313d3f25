import { Component, input } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { TranscriptSegment } from '@tnt/protocol';
import { aSegment } from '@tnt/dashboard/util-model/testing';
import { TranscriptLineComponent } from './transcript-line.component';

@Component({
  imports: [TranscriptLineComponent],
  template: `<ol>
    <li tnt-transcript-line [segment]="segment()"></li>
  </ol>`,
})
class LineHostComponent {
  readonly segment = input.required<TranscriptSegment>();
}

describe('TranscriptLineComponent', () => {
  function render(segment: TranscriptSegment): HTMLElement {
    const fixture = TestBed.createComponent(LineHostComponent);
    fixture.componentRef.setInput('segment', segment);
    fixture.detectChanges();
    return fixture.nativeElement.querySelector('li') as HTMLElement;
  }
  const tags = (line: HTMLElement) => [...line.querySelectorAll('.tag')].map((tag) => tag.textContent?.replace(/\s+/g, ' ').trim());

  it('shows speaker, local time with a machine-readable datetime, and the text', () => {
    const spokenAt = new Date(2026, 2, 2, 14, 3, 9);
    const line = render(aSegment({ speaker: 'agent', text: 'Thanks for calling.', timestamp: spokenAt.toISOString(), simulated: false }));
    expect(line.querySelector('.speaker')?.textContent).toBe('Agent');
    expect(line.querySelector('time')?.textContent).toBe('14:03:09');
    expect(line.querySelector('time')?.getAttribute('datetime')).toBe(spokenAt.toISOString());
    expect(line.querySelector('.text')?.textContent?.trim()).toBe('Thanks for calling.');
    expect(tags(line)).toEqual([]);
  });

  it('marks interim text and simulated segments, but not the confidence of an interim', () => {
    const line = render(aSegment({ isFinal: false, confidence: 0.42, simulated: true }));
    expect(tags(line)).toEqual(['Interim', 'Simulated']);
    expect(line.classList).toContain('interim');
    expect(line.classList).not.toContain('low-confidence');
    expect(line.querySelector('.typing')).not.toBeNull();
  });

  it('marks a final segment below 0.6 confidence as low confidence', () => {
    const line = render(aSegment({ confidence: 0.42, simulated: false }));
    expect(tags(line)).toEqual(['Low confidence 42%']);
    expect(line.classList).toContain('low-confidence');
  });

  it('does not mark a confident final segment as low confidence', () => {
    const line = render(aSegment({ confidence: 0.6, simulated: false }));
    expect(line.classList).not.toContain('low-confidence');
    expect(line.dataset['final']).toBe('true');
  });
});
