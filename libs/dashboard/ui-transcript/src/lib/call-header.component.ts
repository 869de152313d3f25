import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { CallInfo } from '@tnt/protocol';
import {
  callDurationMs,
  callStatusText,
  callTitle,
  formatDateAndTime,
  formatDuration,
  formatTimeOfDay,
  lineCount,
} from '@tnt/dashboard/util-model';

/** A button in the call header's row of actions (copy, download, export as …). */
export interface CallHeaderAction {
  /** Names the action in the `act` output and in the button's `data-action` attribute. */
  readonly id: string;
  /** The button's text. */
  readonly label: string;
  /** A quieter suffix after the label, e.g. the file extension `.vtt`. */
  readonly detail?: string;
  /** What the button does, in full: its tooltip and its name for screen readers (the label is the short form). */
  readonly description?: string;
}

/**
 * The head of a call, live or past: who talks to whom, when it started, how long it runs or ran,
 * its status, whether the text is simulated, optionally how many lines were stored, and a row of
 * action buttons the page chooses. Presentational: everything comes in through inputs, the
 * buttons go out through `act`. The live call view and the history's past-call page both use it.
 */
@Component({
  selector: 'tnt-call-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './call-header.component.html',
  styleUrl: './call-header.component.css',
})
export class CallHeaderComponent {
  /** The call's details. */
  readonly call = input.required<CallInfo>();
  /** The current time (epoch ms) while the duration should tick; `null` for a stored call that is not followed live. */
  readonly now = input<number | null>(null);
  /** True when the transcript is scripted by a simulation. */
  readonly simulated = input(false);
  /** False once the server no longer holds the call. */
  readonly heldByServer = input(true);
  /** The heading level of the title: 1 on the call's own page, 2 inside another page. */
  readonly headingLevel = input<1 | 2>(1);
  /** Show the start's date, not only its time of day (a past call may be from any day). */
  readonly withDate = input(false);
  /** How many final lines were stored, when known (the history knows, a live view does not). */
  readonly storedLines = input<number | undefined>(undefined);
  /** The buttons to offer, in order. */
  readonly actions = input<readonly CallHeaderAction[]>([]);
  /** A name for the row of buttons, shown before them (e.g. `Download`). */
  readonly actionsLabel = input<string | undefined>(undefined);
  /** The action in progress: its button is busy and the others take no click meanwhile. */
  readonly busyAction = input<string | undefined>(undefined);
  /** Why the last action failed, in words. */
  readonly problem = input<string | undefined>(undefined);
  /** The person clicked the action with this id. */
  readonly act = output<string>();

  protected readonly title = computed(() => callTitle(this.call()));
  protected readonly startedAt = computed(() =>
    this.withDate() ? formatDateAndTime(this.call().startedAt) : formatTimeOfDay(this.call().startedAt),
  );
  protected readonly duration = computed(() => {
    const call = this.call();
    const now = this.now();
    if (call.endedAt === undefined && now === null) return 'still going';
    return formatDuration(callDurationMs(call, now ?? Date.parse(call.startedAt)));
  });
  protected readonly live = computed(() => this.call().status === 'active' && this.heldByServer());
  protected readonly status = computed(() => callStatusText(this.call(), this.heldByServer()));
  protected readonly lines = computed(() => {
    const count = this.storedLines();
    return count === undefined ? undefined : lineCount(count);
  });

  protected clicked(action: CallHeaderAction): void {
    if (this.busyAction() === undefined) this.act.emit(action.id);
  }
}
