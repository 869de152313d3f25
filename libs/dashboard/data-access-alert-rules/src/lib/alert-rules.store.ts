import { Injectable, computed, inject, signal } from '@angular/core';
import { AlertRulesApiClient, type RulesResult } from './alert-rules-api.client';
import {
  INITIAL_RULES_EDITOR,
  ruleAdded,
  ruleChanged,
  ruleRemoved,
  rulesFailed,
  rulesLoaded,
  rulesOf,
  rulesSaved,
  saveStarted,
  type RuleDraft,
  type RulesEditorState,
} from './rules-editor';

/** The Rules page's state: the pure reducers of `rules-editor.ts` over the rules API. Provided by the page. */
@Injectable()
export class AlertRulesStore {
  private readonly api = inject(AlertRulesApiClient);
  private readonly state = signal<RulesEditorState>(INITIAL_RULES_EDITOR);

  readonly editor = this.state.asReadonly();
  readonly canSave = computed(() => this.state().phase === 'ready' && this.state().dirty);

  /** Reads the rules in force (also after a conflict, to start from the newer ones). */
  async load(): Promise<void> {
    this.apply(await this.api.load(), rulesLoaded);
  }

  add(): void {
    this.state.update(ruleAdded);
  }

  change(key: number, change: Partial<Omit<RuleDraft, 'key'>>): void {
    this.state.update((state) => ruleChanged(state, key, change));
  }

  remove(key: number): void {
    this.state.update((state) => ruleRemoved(state, key));
  }

  /** Saves every rule over the version read. */
  async save(): Promise<void> {
    const before = this.state();
    this.state.set(saveStarted(before));
    this.apply(await this.api.save(rulesOf(before.drafts), before.version), rulesSaved);
  }

  private apply(result: RulesResult, onSuccess: typeof rulesLoaded): void {
    this.state.update((state) => (result.ok ? onSuccess(state, result.value) : rulesFailed(state, result.failure)));
  }
}
