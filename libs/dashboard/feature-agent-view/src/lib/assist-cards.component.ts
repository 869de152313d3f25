import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { AssistInsight } from '@tnt/protocol';

/**
 * The knowledge cards raised for the agent in the current call, newest first, each with its title,
 * short text, an optional link to read more, and a button to dismiss it. Presentational: the agent
 * view says which cards are shown and keeps the dismissals.
 */
@Component({
  selector: 'tnt-assist-cards',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="assist" aria-labelledby="assist-heading">
      <h2 id="assist-heading">
        Cards <span class="count">{{ cards().length }}</span>
      </h2>
      @if (cards().length === 0) {
        <p class="empty">Cards with answers appear here as the caller speaks.</p>
      }
      <ol class="cards" aria-live="polite">
        @for (card of cards(); track card.id) {
          <li class="card" [attr.data-card-id]="card.cardId">
            <h3>{{ card.title }}</h3>
            <p class="body">{{ card.body }}</p>
            <p class="why">Caller said “{{ card.matched }}”</p>
            <div class="actions">
              @if (card.link) {
                <a [href]="card.link" target="_blank" rel="noopener noreferrer">Read more</a>
              }
              <button type="button" class="dismiss" [attr.aria-label]="'Dismiss ' + card.title" (click)="dismiss.emit(card)">
                Dismiss
              </button>
            </div>
          </li>
        }
      </ol>
    </section>
  `,
  styles: `
    .assist {
      padding: 0.75rem 1rem;
      background: var(--tnt-surface, #fff);
      border: 1px solid var(--tnt-border, #dde2e8);
      border-radius: 0.75rem;
    }
    h2 {
      margin: 0 0 0.5rem;
      font-size: 1.05rem;
    }
    .count {
      font-size: 0.8rem;
      color: var(--tnt-muted, #5b6575);
    }
    .empty {
      margin: 0;
      color: var(--tnt-muted, #5b6575);
      font-size: 0.9rem;
    }
    .cards {
      display: flex;
      flex-direction: column;
      gap: 0.6rem;
      margin: 0;
      padding: 0;
      list-style: none;
      max-height: var(--tnt-transcript-height, 60vh);
      overflow-y: auto;
    }
    .card {
      padding: 0.6rem 0.75rem;
      border-left: 4px solid #6938ef;
      background: #f4f3ff;
      border-radius: 0.4rem;
    }
    h3 {
      margin: 0 0 0.25rem;
      font-size: 0.95rem;
    }
    .body {
      margin: 0 0 0.25rem;
    }
    .why {
      margin: 0 0 0.4rem;
      font-size: 0.8rem;
      color: var(--tnt-muted, #5b6575);
    }
    .actions {
      display: flex;
      gap: 0.75rem;
      align-items: center;
    }
    .dismiss {
      margin-left: auto;
    }
  `,
})
export class AssistCardsComponent {
  /** The cards to show, in the order to show them. */
  readonly cards = input.required<readonly AssistInsight[]>();
  /** The agent dismissed this card. */
  readonly dismiss = output<AssistInsight>();
}
