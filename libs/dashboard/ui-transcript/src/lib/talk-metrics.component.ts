import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { TalkMetricsInsight } from '@tnt/protocol';

/** `m:ss` of a duration in ms. */
function minutesAndSeconds(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** One figure of the panel: what it is, its value, and (for a screen reader) what the value means. */
interface Figure {
  readonly name: string;
  readonly label: string;
  readonly value: string;
}

/**
 * A call's latest talk-metrics reading in one row of figures: talk time of each speaker, the agent's
 * share, silence, overtalk, the longest silence and each speaker's pace. Says whether it is the
 * closing reading or live, and how far into the call's audio it reads.
 */
@Component({
  selector: 'tnt-talk-metrics',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="metrics" aria-label="Talk metrics">
      <h2 class="heading">
        Talk metrics
        <span class="as-of">{{ metrics().final ? 'whole call' : 'as of ' + asOf() }}</span>
      </h2>
      <dl class="figures">
        @for (figure of figures(); track figure.name) {
          <div [attr.data-figure]="figure.name">
            <dt>{{ figure.label }}</dt>
            <dd>{{ figure.value }}</dd>
          </div>
        }
      </dl>
    </section>
  `,
  styles: `
    :host {
      display: block;
    }
    .metrics {
      padding: 0.75rem 1.25rem;
      background: var(--tnt-surface, #fff);
      border: 1px solid var(--tnt-border, #dde1e7);
      border-radius: 0.75rem;
    }
    .heading {
      margin: 0 0 0.5rem;
      font-size: 0.95rem;
    }
    .as-of {
      margin-left: 0.5rem;
      font-weight: 400;
      font-size: 0.8rem;
      color: var(--tnt-muted, #5b6575);
    }
    .figures {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.5rem;
      margin: 0;
    }
    dt {
      font-size: 0.72rem;
      text-transform: uppercase;
      letter-spacing: 0.05em;
      color: var(--tnt-muted, #5b6575);
    }
    dd {
      margin: 0;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class TalkMetricsComponent {
  /** The reading to show. */
  readonly metrics = input.required<TalkMetricsInsight>();

  protected readonly asOf = computed(() => minutesAndSeconds(this.metrics().asOfMs));
  protected readonly figures = computed((): Figure[] => {
    const reading = this.metrics();
    return [
      { name: 'agent-talk', label: 'Agent talk', value: minutesAndSeconds(reading.talkMs.agent) },
      { name: 'caller-talk', label: 'Caller talk', value: minutesAndSeconds(reading.talkMs.caller) },
      { name: 'agent-ratio', label: 'Agent share', value: `${Math.round(reading.agentTalkRatio * 100)} %` },
      { name: 'silence', label: 'Silence', value: minutesAndSeconds(reading.silenceMs) },
      { name: 'longest-silence', label: 'Longest silence', value: `${Math.round(reading.longestSilenceMs / 100) / 10} s` },
      { name: 'overtalk', label: 'Overtalk', value: `${Math.round(reading.overtalkMs / 100) / 10} s` },
      { name: 'agent-pace', label: 'Agent pace', value: `${reading.wordsPerMinute.agent} wpm` },
      { name: 'caller-pace', label: 'Caller pace', value: `${reading.wordsPerMinute.caller} wpm` },
    ];
  });
}
