import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** Stand-in for the agent view at `/agent/:agentId` until the agent feature lib exists. */
@Component({
  selector: 'tnt-agent-view-placeholder',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="placeholder">
      <h1>Agent <code>{{ agentId() }}</code></h1>
      <p>This agent's current call and its live transcript will show here, followed by their recent calls.</p>
    </section>
  `,
})
export class AgentViewPlaceholderComponent {
  /** Agent id, bound from the `:agentId` route parameter. */
  readonly agentId = input.required<string>();
}
