import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { TranscriptSegment } from '@tnt/protocol';
import { TranscriptLineComponent } from '@tnt/dashboard/ui-transcript';
import { orderSegments } from '@tnt/dashboard/util-model';

/**
 * A stored transcript, read from the top: the same lines as the live view (speaker, time, text),
 * in conversation order, without the live view's follow-the-latest scrolling. The page scrolls.
 */
@Component({
  selector: 'tnt-past-transcript',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranscriptLineComponent],
  template: `
    <section class="transcript" aria-label="Transcript">
      @if (allSimulated()) {
        <p class="simulation-notice"><strong>Simulation.</strong> This transcript is scripted by a simulation, not heard in call audio.</p>
      }
      @if (lines().length === 0) {
        <p class="empty">Nothing was transcribed in this call.</p>
      } @else {
        <ol class="lines">
          @for (segment of lines(); track segment.id) {
            <li tnt-transcript-line [segment]="segment" [tagSimulated]="!allSimulated()"></li>
          }
        </ol>
      }
    </section>
  `,
  styles: `
    :host {
      display: block;
    }
    .transcript {
      padding: 1rem;
      background: var(--tnt-surface, #fff);
      border: 1px solid var(--tnt-border, #dde1e7);
      border-radius: 0.75rem;
    }
    .lines {
      display: flex;
      flex-direction: column;
      gap: 0.6rem;
      margin: 0;
      padding: 0;
    }
    .empty {
      margin: 1.5rem auto;
      text-align: center;
      color: var(--tnt-muted, #5b6575);
    }
    .simulation-notice {
      margin: 0 0 1rem;
      padding: 0.4rem 0.75rem;
      border-radius: 0.5rem;
      font-size: 0.8rem;
      text-align: center;
      color: var(--tnt-simulation-text, #6b3fa0);
      background: var(--tnt-simulation-background, #f1eafb);
    }
  `,
})
export class PastTranscriptComponent {
  /** The stored final segments, in any order. */
  readonly segments = input.required<readonly TranscriptSegment[]>();

  protected readonly lines = computed(() => orderSegments(this.segments()));
  protected readonly allSimulated = computed(() => this.lines().length > 0 && this.lines().every((segment) => segment.simulated));
}
