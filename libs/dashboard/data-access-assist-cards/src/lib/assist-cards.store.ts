import { Injectable, inject, signal } from '@angular/core';
import type { AssistCard } from '@tnt/protocol';
import { AssistCardsClient, type CardsResult } from './assist-cards.client';
import { refusalOf, type CardsRefusal } from './card-drafts';

/** What the Cards page shows: the cards in force, whether a change is being saved, and why the last one was refused. */
export interface AssistCardsState {
  readonly status: 'loading' | 'ready' | 'failed';
  readonly cards: readonly AssistCard[];
  /** The store version of `cards`: a save is made over it. */
  readonly version: number;
  readonly saving: boolean;
  /** Someone else saved since `version` (the server's 409), until the cards are loaded again. */
  readonly conflict?: string;
  /** Why the cards could not be loaded or saved, until the next try. */
  readonly problem?: CardsRefusal;
}

/** The state before anything is loaded. */
export const INITIAL_CARDS_STATE: AssistCardsState = { status: 'loading', cards: [], version: 0, saving: false };

/**
 * The next state once a load or save answered; a refused save keeps the cards in force as they were,
 * and a 409 says someone else saved first (the page offers to load theirs).
 */
export function applyCardsResult(state: AssistCardsState, result: CardsResult): AssistCardsState {
  if (result.ok) return { status: 'ready', cards: result.cards, version: result.version, saving: false };
  if (result.kind === 'conflict') return { ...state, saving: false, conflict: result.message };
  const problem = result.kind === 'refused' ? refusalOf(result.message) : { message: result.message };
  return { ...state, status: state.status === 'loading' ? 'failed' : state.status, saving: false, problem };
}

/** The state while `cards` are being saved. */
export function startSaving(state: AssistCardsState): AssistCardsState {
  return { status: state.status, cards: state.cards, version: state.version, saving: true };
}

/**
 * The agent-assist cards for the supervisors' Cards page, as signals: loads them, and saves a
 * whole new list (add, edit, remove are each one `PUT`). Provide it per page.
 */
@Injectable()
export class AssistCardsStore {
  private readonly client = inject(AssistCardsClient);
  private readonly stateSignal = signal<AssistCardsState>(INITIAL_CARDS_STATE);

  /** The page's state. */
  readonly state = this.stateSignal.asReadonly();

  /** Loads the cards in force (also after a conflict, to start from the newer ones). */
  async load(): Promise<void> {
    this.stateSignal.set(INITIAL_CARDS_STATE);
    const result = await this.client.list();
    this.stateSignal.update((state) => applyCardsResult(state, result));
  }

  /** Puts `cards` in force over the version read; true when the server took them. One save at a time. */
  async save(cards: readonly AssistCard[]): Promise<boolean> {
    const before = this.stateSignal();
    if (before.saving) return false;
    this.stateSignal.set(startSaving(before));
    const result = await this.client.replace(cards, before.version);
    this.stateSignal.update((state) => applyCardsResult(state, result));
    return result.ok;
  }
}
