import { TestBed } from '@angular/core/testing';
import { HighlightedTextComponent } from './highlighted-text.component';

describe('HighlightedTextComponent', () => {
  function render(text: string, highlights: { start: number; end: number }[]): HTMLElement {
    const fixture = TestBed.createComponent(HighlightedTextComponent);
    fixture.componentRef.setInput('text', text);
    fixture.componentRef.setInput('highlights', highlights);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('marks the matching words and keeps the sentence exactly as said', () => {
    const host = render('Can I get a refund for this?', [{ start: 12, end: 18 }]);

    expect([...host.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['refund']);
    expect(host.textContent).toBe('Can I get a refund for this?');
  });

  it('shows markup in the text as text, never as elements', () => {
    const host = render('<img src=x onerror=alert(1)> refund', [{ start: 29, end: 35 }]);

    expect(host.querySelector('img')).toBeNull();
    expect(host.textContent).toBe('<img src=x onerror=alert(1)> refund');
    expect(host.querySelector('mark')?.textContent).toBe('refund');
  });
});
