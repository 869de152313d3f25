import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { ConnectionState } from '@tnt/dashboard/util-model';

/**
 * A bar that says what the live connection is doing: connecting, reconnecting (with a countdown
 * and a retry button) or disconnected (with a retry button); nothing while connected. It sits in
 * a polite live region so screen readers hear about changes without losing their place.
 */
@Component({
  selector: 'tnt-connection-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './connection-banner.component.html',
  styleUrl: './connection-banner.component.css',
  host: { '[attr.data-state]': 'state()' },
})
export class ConnectionBannerComponent {
  /** The connection state to show. */
  readonly state = input.required<ConnectionState>();
  /** Seconds until the next automatic attempt, while one is scheduled. */
  readonly secondsUntilRetry = input<number | null>(null);
  /** Why the connection was lost, for people. */
  readonly problem = input<string | null>(null);
  /** The person asked to try again now. */
  readonly retry = output<void>();

  protected readonly countdown = computed(() => {
    const seconds = this.secondsUntilRetry();
    if (seconds === null) return 'Reconnecting…';
    if (seconds <= 0) return 'Reconnecting now…';
    return `Reconnecting in ${seconds} s…`;
  });
}
