import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { TranscriptFormat } from '@tnt/dashboard/data-access-history';
import { aHistoryCall } from '@tnt/dashboard/data-access-history/testing';
import { PastCallHeaderComponent } from './past-call-header.component';

describe('PastCallHeaderComponent', () => {
  let fixture: ComponentFixture<PastCallHeaderComponent>;
  let asked: TranscriptFormat[];
  const host = () => fixture.nativeElement as HTMLElement;
  const button = (format: string) => host().querySelector(`button[data-format="${format}"]`) as HTMLButtonElement;

  beforeEach(() => {
    fixture = TestBed.createComponent(PastCallHeaderComponent);
    fixture.componentRef.setInput('call', aHistoryCall({ id: 'demo-2', to: '+18005550100', finalSegmentCount: 1, endReason: 'shutdown' }));
    asked = [];
    fixture.componentInstance.export.subscribe((format) => asked.push(format));
    fixture.detectChanges();
  });

  it('tells how long the call lasted, how it ended and how many lines were stored', () => {
    expect(host().querySelector('.duration')?.textContent).toBe('2:05');
    expect(host().querySelector('.status')?.textContent).toBe('Ended (shutdown)');
    expect(host().querySelector('.lines')?.textContent).toBe('1 line');
    expect(host().querySelector('.subtitle')?.textContent).toContain('to +18005550100');
  });

  it('asks for the format clicked', () => {
    button('srt').click();
    button('txt').click();

    expect(asked).toEqual(['srt', 'txt']);
  });

  it('shows the format being prepared and takes no other request meanwhile', () => {
    fixture.componentRef.setInput('exporting', 'vtt');
    fixture.detectChanges();
    button('json').click();

    expect(asked).toEqual([]);
    expect(button('vtt').textContent).toContain('Preparing…');
    expect(button('vtt').getAttribute('aria-busy')).toBe('true');
    expect(button('json').getAttribute('aria-disabled')).toBe('true');
  });
});
