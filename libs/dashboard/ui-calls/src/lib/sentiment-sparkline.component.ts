import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { callerTrendLine, sentimentMood } from '@tnt/dashboard/util-model';
import type { SentimentInsight } from '@tnt/protocol';
import { sparklinePoints, sparklineY } from './sparkline-geometry';

const BOX = { width: 80, height: 20 };

/**
 * The caller's sentiment trend as a tiny inline SVG line (no chart library): one point per caller
 * final, from -1 (bottom) to 1 (top) around a zero line, with the latest value and a visible
 * "lexicon-based" mark; the tooltip says what that means. Nothing is drawn before the caller spoke.
 */
@Component({
  selector: 'tnt-sentiment-sparkline',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (line().length > 0) {
      <figure class="sentiment" [attr.data-mood]="mood()" [attr.title]="description()">
        <figcaption class="label">Caller sentiment <span class="method">lexicon-based</span></figcaption>
        <svg [attr.viewBox]="viewBox" [attr.width]="box.width" [attr.height]="box.height" role="img" [attr.aria-label]="description()">
          <line class="zero" x1="0" [attr.y1]="zeroY" [attr.x2]="box.width" [attr.y2]="zeroY" />
          <polyline class="trend" [attr.points]="points()" />
        </svg>
        <span class="value">{{ latestText() }}</span>
      </figure>
    }
  `,
  styles: `
    .sentiment {
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
      margin: 0;
      font-size: 0.8rem;
      color: var(--tnt-muted, #5b6575);
    }
    .label {
      white-space: nowrap;
    }
    .method {
      padding: 0 0.3rem;
      border: 1px solid var(--tnt-border, #dde1e7);
      border-radius: 0.3rem;
      font-size: 0.7rem;
    }
    svg {
      overflow: visible;
    }
    .zero {
      stroke: var(--tnt-border-strong, #c5ccd6);
      stroke-dasharray: 2 2;
    }
    .trend {
      fill: none;
      stroke: currentColor;
      stroke-width: 1.5;
      stroke-linejoin: round;
    }
    .value {
      font-variant-numeric: tabular-nums;
      font-weight: 600;
    }
    [data-mood='negative'] {
      color: #b42318;
    }
    [data-mood='positive'] {
      color: #146c3a;
    }
  `,
})
export class SentimentSparklineComponent {
  /** The caller's sentiment readings, oldest first. */
  readonly readings = input.required<readonly SentimentInsight[]>();

  protected readonly box = BOX;
  protected readonly viewBox = `0 0 ${BOX.width} ${BOX.height}`;
  protected readonly zeroY = sparklineY(0, BOX);
  protected readonly line = computed(() => callerTrendLine(this.readings()));
  protected readonly points = computed(() => sparklinePoints(this.line(), BOX));
  private readonly latest = computed(() => this.line().at(-1) ?? 0);
  protected readonly mood = computed(() => sentimentMood(this.latest()));
  protected readonly latestText = computed(() => signed(this.latest()));
  protected readonly description = computed(
    () =>
      `Caller sentiment trend ${signed(this.latest())} (${this.mood()}), over ${this.line().length} caller ` +
      `${this.line().length === 1 ? 'line' : 'lines'}. Lexicon-based: AFINN-165 word scores from -1 to 1, not tone of voice or sarcasm.`,
  );
}

function signed(value: number): string {
  return `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(2)}`;
}
