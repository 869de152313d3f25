import { ChangeDetectionStrategy, Component, ElementRef, afterRenderEffect, computed, input, signal, viewChild } from '@angular/core';
import type { AlertInsight, AssistInsight, TranscriptSegment } from '@tnt/protocol';
import { speakerLabel } from '@tnt/dashboard/util-model';
import { TranscriptLineComponent } from './transcript-line.component';

/** How close to the bottom (px) still counts as "at the latest line". */
const AT_BOTTOM_TOLERANCE_PX = 32;

/**
 * The conversation: caller lines on the left, agent lines on the right, interim text replaced in
 * place by its final. It follows the latest line until the reader scrolls up, then offers a
 * "jump to latest" button. New final lines are announced through a polite live region. Alerts
 * and the assist cards shown to the agent are listed right after the line they were raised on.
 */
@Component({
  selector: 'tnt-transcript',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranscriptLineComponent],
  templateUrl: './transcript.component.html',
  styleUrl: './transcript.component.css',
})
export class TranscriptComponent {
  /** The segments in conversation order. */
  readonly segments = input.required<readonly TranscriptSegment[]>();
  /** Alerts raised in the call; each is shown after the segment it names. */
  readonly alerts = input<readonly AlertInsight[]>([]);
  /** Assist cards raised in the call; each is shown after the segment it names. */
  readonly assists = input<readonly AssistInsight[]>([]);
  /** Shown when there are no segments yet. */
  readonly emptyText = input('Nothing has been said yet.');

  private readonly scroller = viewChild.required<ElementRef<HTMLElement>>('scroller');
  /** True while the view sticks to the latest line. */
  protected readonly following = signal(true);
  private readonly finalsWhenPaused = signal(0);

  /** The alerts of each segment, by segment id. */
  protected readonly alertsBySegment = computed(() => {
    const bySegment = new Map<string, AlertInsight[]>();
    for (const alert of this.alerts()) {
      const key = alert.segmentId ?? '';
      bySegment.set(key, [...(bySegment.get(key) ?? []), alert]);
    }
    return bySegment;
  });
  /** The assist cards of each segment, by segment id. */
  protected readonly assistsBySegment = computed(() => {
    const bySegment = new Map<string, AssistInsight[]>();
    for (const assist of this.assists()) bySegment.set(assist.segmentId, [...(bySegment.get(assist.segmentId) ?? []), assist]);
    return bySegment;
  });
  /** Every segment is simulated: one notice says so instead of a tag on each line. */
  protected readonly allSimulated = computed(() => this.segments().length > 0 && this.segments().every((segment) => segment.simulated));
  private readonly finals = computed(() => this.segments().filter((segment) => segment.isFinal));
  /** The latest final line, spoken by screen readers as it arrives. */
  protected readonly announcement = computed(() => {
    const latest = this.finals().at(-1);
    return latest ? `${speakerLabel(latest.speaker)}: ${latest.text}` : '';
  });
  /** Final lines that arrived since the reader scrolled away. */
  protected readonly unseenFinals = computed(() => (this.following() ? 0 : Math.max(0, this.finals().length - this.finalsWhenPaused())));

  constructor() {
    afterRenderEffect({
      write: () => {
        this.segments();
        if (!this.following()) return;
        const element = this.scroller().nativeElement;
        element.scrollTop = element.scrollHeight;
      },
    });
  }

  protected onScroll(): void {
    const element = this.scroller().nativeElement;
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight <= AT_BOTTOM_TOLERANCE_PX;
    if (atBottom === this.following()) return;
    if (!atBottom) this.finalsWhenPaused.set(this.finals().length);
    this.following.set(atBottom);
  }

  protected jumpToLatest(): void {
    this.following.set(true);
    this.scroller().nativeElement.focus();
  }
}
