import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { TextRange } from '@tnt/protocol';
import { highlightParts } from './highlight-parts';

/**
 * A line of text with the words that matched a search in `<mark>`. It is built from the plain
 * text and the match ranges, never from server HTML, so nothing the server sends is parsed as markup.
 */
@Component({
  selector: 'tnt-highlighted-text',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // One line on purpose: whitespace between the pieces would show up inside the sentence.
  template: `@for (part of parts(); track $index) {
    @if (part.marked) {
      <mark>{{ part.text }}</mark>
    } @else {
      <span>{{ part.text }}</span>
    }
  }`,
  styles: `
    mark {
      padding: 0 0.1em;
      border-radius: 0.2em;
      background: var(--tnt-warning-background, #fff6e0);
      box-shadow: inset 0 -0.15em 0 var(--tnt-warning-border, #f1d38a);
      color: inherit;
      font-weight: 600;
    }
  `,
})
export class HighlightedTextComponent {
  /** The line's plain text. */
  readonly text = input.required<string>();
  /** The ranges of `text` to mark. */
  readonly highlights = input<readonly TextRange[]>([]);

  protected readonly parts = computed(() => highlightParts(this.text(), this.highlights()));
}
