import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import type { AssistCard, Speaker } from '@tnt/protocol';
import {
  AssistCardsStore,
  cardOf,
  draftOf,
  EMPTY_DRAFT,
  withCard,
  withoutCard,
  type CardDraft,
  type CardField,
} from '@tnt/dashboard/data-access-assist-cards';

/** The card being edited: its place in the list (`undefined` for a new card) and the form. */
interface Editing {
  readonly index: number | undefined;
  readonly draft: CardDraft;
}

/** A text field of the form. */
interface TextField {
  readonly name: Exclude<CardField, 'speaker'>;
  readonly label: string;
  readonly multiline?: boolean;
  readonly hint?: string;
}

/**
 * The supervisors' Cards page (`/cards`): the agent-assist cards in force, each with its trigger
 * phrases, and a form to add, edit or remove one. Every change is one save of the whole list over
 * the version read; when the server refuses it, the form stays open and the field it names shows
 * why, and when someone else saved first (409) the page says so and offers to load their cards.
 */
@Component({
  selector: 'tnt-assist-cards-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './assist-cards-page.component.html',
  styleUrl: './assist-cards-page.component.css',
  providers: [AssistCardsStore],
})
export class AssistCardsPageComponent {
  private readonly store = inject(AssistCardsStore);
  protected readonly state = this.store.state;
  protected readonly editing = signal<Editing | undefined>(undefined);
  /** The form's text fields, in order. */
  protected readonly textFields: readonly TextField[] = [
    { name: 'id', label: 'Id', hint: 'Letters, digits, "-" or "_"; the card is raised once per call by this id.' },
    { name: 'title', label: 'Title' },
    { name: 'body', label: 'Text', multiline: true },
    { name: 'link', label: 'Link (optional)', hint: 'An http(s) address or a path such as /kb/refunds.' },
    {
      name: 'phrases',
      label: 'Phrases',
      multiline: true,
      hint: 'One a line; other forms of a word match too (refund, refunds, refunded).',
    },
  ];

  /** The refusal, when it names a field of the card being edited. */
  protected readonly fieldProblem = computed((): { field: CardField; message: string } | undefined => {
    const problem = this.state().problem;
    const editing = this.editing();
    if (!problem?.field || !editing) return undefined;
    const index = editing.index ?? this.state().cards.length;
    return problem.index === index ? { field: problem.field, message: problem.message } : undefined;
  });
  /** A problem no field of the form shows. */
  protected readonly pageProblem = computed(() => (this.fieldProblem() ? undefined : this.state().problem?.message));

  constructor() {
    void this.store.load();
  }

  /** After a conflict: drops the form and shows the cards someone else saved. */
  protected reload(): void {
    this.editing.set(undefined);
    void this.store.load();
  }

  protected add(): void {
    this.editing.set({ index: undefined, draft: EMPTY_DRAFT });
  }

  protected edit(index: number, card: AssistCard): void {
    this.editing.set({ index, draft: draftOf(card) });
  }

  protected cancel(): void {
    this.editing.set(undefined);
  }

  protected change(field: CardField, event: Event): void {
    const value = (event.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement).value;
    this.editing.update((editing) =>
      editing ? { ...editing, draft: { ...editing.draft, [field]: field === 'speaker' ? (value as Speaker) : value } } : editing,
    );
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    const editing = this.editing();
    if (!editing) return;
    const saved = await this.store.save(withCard(this.state().cards, cardOf(editing.draft), editing.index));
    if (saved) this.editing.set(undefined);
  }

  protected async remove(index: number): Promise<void> {
    this.editing.set(undefined);
    await this.store.save(withoutCard(this.state().cards, index));
  }
}
