import { TestBed } from '@angular/core/testing';
import { CallFilterComponent } from './call-filter.component';

describe('CallFilterComponent', () => {
  it('is a labelled search box that reports what is typed', () => {
    const fixture = TestBed.createComponent(CallFilterComponent);
    fixture.componentRef.setInput('query', 'agent-2');
    fixture.detectChanges();
    const input = fixture.nativeElement.querySelector('input') as HTMLInputElement;
    const label = fixture.nativeElement.querySelector('label') as HTMLLabelElement;
    expect(label.htmlFor).toBe(input.id);
    expect(input.value).toBe('agent-2');

    const typed: string[] = [];
    fixture.componentInstance.queryChange.subscribe((query) => typed.push(query));
    input.value = 'refund';
    input.dispatchEvent(new Event('input'));
    expect(typed).toEqual(['refund']);
  });
});
