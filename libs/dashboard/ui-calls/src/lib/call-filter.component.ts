import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

/** The search box of the supervisor board: filters calls by agent, number or words said. */
@Component({
  selector: 'tnt-call-filter',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <label class="label" for="call-filter">Filter calls</label>
    <input
      id="call-filter"
      class="input"
      type="search"
      autocomplete="off"
      placeholder="Agent, number or words said"
      [value]="query()"
      (input)="queryChange.emit($any($event.target).value)"
    />
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      min-width: min(100%, 18rem);
    }
    .label {
      font-size: 0.8rem;
      font-weight: 600;
      color: var(--tnt-muted, #5b6575);
    }
    .input {
      font: inherit;
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--tnt-border-strong, #c5ccd6);
      border-radius: 0.5rem;
      background: var(--tnt-surface, #fff);
      color: inherit;
    }
    .input:focus-visible {
      outline: 3px solid var(--tnt-focus, #2f7de1);
      outline-offset: 1px;
      border-color: transparent;
    }
  `,
})
export class CallFilterComponent {
  /** The current filter text. */
  readonly query = input('');
  /** The person typed: the new filter text. */
  readonly queryChange = output<string>();
}
