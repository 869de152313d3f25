import { ChangeDetectionStrategy, Component, inject, type OnInit } from '@angular/core';
import { AlertRulesStore, type RuleDraft } from '@tnt/dashboard/data-access-alert-rules';
import { SPEAKERS, type AlertSeverity } from '@tnt/protocol';

/**
 * The Rules page (`/rules`, supervisors): the phrase-alert rules in force, to add, edit and remove,
 * saved all at once over the version read. Server validation errors show beside their field; a save
 * refused because someone else saved first says so and offers to load their rules.
 */
@Component({
  selector: 'tnt-alert-rules-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [AlertRulesStore],
  templateUrl: './alert-rules-page.component.html',
  styleUrl: './alert-rules-page.component.css',
})
export class AlertRulesPageComponent implements OnInit {
  protected readonly store = inject(AlertRulesStore);
  protected readonly editor = this.store.editor;
  protected readonly severities: readonly AlertSeverity[] = ['info', 'warning', 'critical'];
  protected readonly speakers = SPEAKERS;

  ngOnInit(): void {
    void this.store.load();
  }

  protected text(event: Event): string {
    return (event.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement).value;
  }

  protected errorOf(draft: RuleDraft, field: string): string | undefined {
    return (this.editor().fieldErrors[draft.key] as Record<string, string | undefined> | undefined)?.[field];
  }
}
