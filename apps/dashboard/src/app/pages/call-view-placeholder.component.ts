import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** Stand-in for the single-call view at `/calls/:id` until the call feature lib exists. */
@Component({
  selector: 'tnt-call-view-placeholder',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="placeholder">
      <h1>Call <code>{{ id() }}</code></h1>
      <p>
        The live transcript of this call will stream here, each line labelled with its speaker, with partial
        results refined in place as the engine settles on them.
      </p>
    </section>
  `,
})
export class CallViewPlaceholderComponent {
  /** Call id, bound from the `:id` route parameter. */
  readonly id = input.required<string>();
}
