import { ChangeDetectionStrategy, Component } from '@angular/core';

/** Stand-in for the supervisor board at `/` until the board feature lib exists. */
@Component({
  selector: 'tnt-supervisor-board-placeholder',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="placeholder">
      <h1>Supervisor board</h1>
      <p>
        Every live call will appear here as a card: the agent, how long the call has run, and the latest
        transcribed line, updated as people speak.
      </p>
    </section>
  `,
})
export class SupervisorBoardPlaceholderComponent {}
