import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  input,
  linkedSignal,
  output,
  signal,
  viewChild,
  type Signal,
} from '@angular/core';
import {
  cleanFilters,
  filtersProblem,
  MAX_SEARCH_TEXT_LENGTH,
  type FilterProblem,
  type HistoryFilters,
} from '@tnt/dashboard/data-access-history';

type Field = FilterProblem['field'];

/**
 * The history's search form: words said in the call, status, agent (for supervisors), and a range
 * of days. It checks the values before asking (and points at the field at fault), then emits the
 * cleaned filters. It shows whatever filters it is given, so the page's URL stays the truth.
 */
@Component({
  selector: 'tnt-history-search-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './history-search-form.component.html',
  styleUrl: './history-search-form.component.css',
})
export class HistorySearchFormComponent {
  /** The filters of the search shown. */
  readonly filters = input<HistoryFilters>({});
  /** Supervisors may filter by agent; an agent only ever sees its own calls. */
  readonly showAgentFilter = input(true);
  /** True while a search is under way. */
  readonly busy = input(false);
  /** The person asked for these filters. */
  readonly search = output<HistoryFilters>();

  protected readonly text = linkedSignal(() => this.filters().text ?? '');
  protected readonly status = linkedSignal<string>(() => this.filters().status ?? '');
  protected readonly agentId = linkedSignal(() => this.filters().agentId ?? '');
  protected readonly fromDate = linkedSignal(() => this.filters().fromDate ?? '');
  protected readonly toDate = linkedSignal(() => this.filters().toDate ?? '');
  protected readonly problem = signal<FilterProblem | undefined>(undefined);
  protected readonly maxTextLength = MAX_SEARCH_TEXT_LENGTH;
  protected readonly invalidField = computed(() => this.problem()?.field);

  private readonly textInput = viewChild<ElementRef<HTMLElement>>('textInput');
  private readonly statusInput = viewChild<ElementRef<HTMLElement>>('statusInput');
  private readonly agentInput = viewChild<ElementRef<HTMLElement>>('agentInput');
  private readonly fromInput = viewChild<ElementRef<HTMLElement>>('fromInput');
  private readonly toInput = viewChild<ElementRef<HTMLElement>>('toInput');
  /** Each field's control, to move focus to the one at fault. */
  private readonly controls: Record<Field, Signal<ElementRef<HTMLElement> | undefined>> = {
    text: this.textInput,
    status: this.statusInput,
    agentId: this.agentInput,
    fromDate: this.fromInput,
    toDate: this.toInput,
  };

  protected typed(event: Event): string {
    return (event.target as HTMLInputElement | HTMLSelectElement).value;
  }

  /** The id of the error message for `field` when it is at fault, for `aria-describedby`. */
  protected errorId(field: Field): string | null {
    return this.invalidField() === field ? 'tnt-history-filter-error' : null;
  }

  protected submit(event: Event): void {
    event.preventDefault();
    const filters = cleanFilters({
      text: this.text(),
      status: this.status(),
      agentId: this.showAgentFilter() ? this.agentId() : undefined,
      fromDate: this.fromDate(),
      toDate: this.toDate(),
    });
    const problem = filtersProblem(filters);
    this.problem.set(problem);
    if (problem) {
      this.controls[problem.field]()?.nativeElement.focus();
      return;
    }
    this.search.emit(filters);
  }

  protected clear(): void {
    for (const field of [this.text, this.status, this.agentId, this.fromDate, this.toDate]) field.set('');
    this.problem.set(undefined);
    this.search.emit({});
  }
}
