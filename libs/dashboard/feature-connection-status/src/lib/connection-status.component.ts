import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { TranscriptSocketService } from '@tnt/dashboard/data-access-socket';
import { distinctUntilChanged, map, of, switchMap, timer } from 'rxjs';
import { ConnectionBannerComponent } from '@tnt/dashboard/ui-connection';

/**
 * The connection banner of every page that needs live updates, fed by the socket: state, countdown
 * to the next attempt, retry. A page that watches no call (the history) opens no socket, so it shows
 * no banner: "Disconnected" there would be a false alarm.
 */
@Component({
  selector: 'tnt-connection-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ConnectionBannerComponent],
  template: `
    @if (socket.watched()) {
      <tnt-connection-banner
        [state]="state()"
        [secondsUntilRetry]="secondsUntilRetry()"
        [problem]="socket.lastProblem()"
        (retry)="socket.reconnectNow()"
      />
    }
  `,
})
export class ConnectionStatusComponent {
  protected readonly socket = inject(TranscriptSocketService);

  protected readonly state = toSignal(this.socket.state$, { requireSync: true });
  /** Whole seconds to the next attempt, re-read four times a second only while one is scheduled. */
  protected readonly secondsUntilRetry = toSignal(
    toObservable(this.socket.nextAttemptAt).pipe(
      switchMap((nextAttemptAt) =>
        nextAttemptAt === null
          ? of(null)
          : timer(0, 250).pipe(
              map(() => Math.max(0, Math.ceil((nextAttemptAt - Date.now()) / 1000))),
              distinctUntilChanged(),
            ),
      ),
    ),
    { initialValue: null },
  );
}
