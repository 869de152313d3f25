import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import type { LanguageTextField } from '@tnt/protocol';
import { LanguageClient } from './language.client';
import {
  INITIAL_LANGUAGE_STATE,
  isBuilding,
  saveAnswered,
  saveStarted,
  statusRead,
  textChanged,
  type LanguagePageState,
} from './language-page-state';
import { LANGUAGE_POLL_INTERVAL_MS, LANGUAGE_POLL_SCHEDULER } from './poll-scheduler';

/**
 * The language model for the supervisors' Language page, as signals: the pure reducers of
 * `language-page-state.ts` over the language API. While the server builds a model it reads the
 * status again every {@link LANGUAGE_POLL_INTERVAL_MS} (on the injected scheduler) until the model
 * is in use or failed, and stops when the page goes away. Provide it per page.
 */
@Injectable()
export class LanguageStore {
  private readonly client = inject(LanguageClient);
  private readonly scheduler = inject(LANGUAGE_POLL_SCHEDULER);
  private readonly stateSignal = signal<LanguagePageState>(INITIAL_LANGUAGE_STATE);
  /** Cancels the next read of the status, when one is scheduled. */
  private cancelPoll: (() => void) | undefined;
  private destroyed = false;

  /** The page's state. */
  readonly state = this.stateSignal.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.stopPolling();
    });
  }

  /** Reads the status, and follows a build under way. */
  async load(): Promise<void> {
    const result = await this.client.status();
    this.stateSignal.update((state) => statusRead(state, result));
    this.followBuild();
  }

  /** The supervisor typed in one of the texts. */
  change(field: LanguageTextField, text: string): void {
    this.stateSignal.update((state) => textChanged(state, field, text));
  }

  /** Sends the form's texts; true when the server took them and started building. One save at a time. */
  async save(): Promise<boolean> {
    const before = this.stateSignal();
    if (before.saving) return false;
    this.stateSignal.set(saveStarted(before));
    const result = await this.client.replace(before.domainText, before.vocabulary);
    this.stateSignal.update((state) => saveAnswered(state, result));
    this.followBuild();
    return result.ok;
  }

  /** Schedules the next read of the status while a build is under way (one at a time). */
  private followBuild(): void {
    if (this.destroyed || this.cancelPoll || !isBuilding(this.stateSignal())) return;
    this.cancelPoll = this.scheduler.after(LANGUAGE_POLL_INTERVAL_MS, () => {
      this.cancelPoll = undefined;
      void this.load();
    });
  }

  private stopPolling(): void {
    this.cancelPoll?.();
    this.cancelPoll = undefined;
  }
}
