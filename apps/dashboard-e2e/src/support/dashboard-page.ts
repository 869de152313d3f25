import type { Page } from 'playwright-core';

/** A transcript line as the page shows it. */
export interface LineOnScreen {
  id: string;
  speaker: string;
  final: boolean;
  text: string;
  /** A number the page gives each `<li>` element once, to tell "replaced in place" from "re-created". */
  element: number;
}

/** A call card as the supervisor board shows it. */
export interface CardOnScreen {
  callId: string;
  agent: string;
  caller: string;
  duration: string;
  status: string;
  lastLine: string;
}

/** Reads the transcript lines on screen, in order. */
export function linesOnScreen(page: Page): Promise<LineOnScreen[]> {
  return page.$$eval('tnt-transcript li[data-segment-id]', (items) => {
    const counter = window as unknown as { tntElementCount?: number };
    return items.map((item) => {
      const li = item as HTMLElement;
      if (!li.dataset['e2eElement']) li.dataset['e2eElement'] = String((counter.tntElementCount = (counter.tntElementCount ?? 0) + 1));
      return {
        id: li.dataset['segmentId'] ?? '',
        speaker: li.dataset['speaker'] ?? '',
        final: li.dataset['final'] === 'true',
        text: (li.querySelector('.text')?.textContent ?? '').trim(),
        element: Number(li.dataset['e2eElement']),
      };
    });
  });
}

/** Reads the live (or recently ended) call cards of the supervisor board. */
export function cardsOnScreen(page: Page, section: 'live' | 'ended' = 'live'): Promise<CardOnScreen[]> {
  return page.$$eval(`section[aria-labelledby="${section}-heading"] tnt-call-card`, (cards) =>
    cards.map((card) => {
      const text = (selector: string) => (card.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
      return {
        callId: card.getAttribute('data-call-id') ?? '',
        agent: text('.agent'),
        caller: text('.caller'),
        duration: text('.duration'),
        status: text('.status'),
        lastLine: text('.last-line'),
      };
    }),
  );
}

/** The connection banner's state (`connected`, `reconnecting`, …). */
export async function bannerState(page: Page): Promise<string | null> {
  return page.getAttribute('tnt-connection-banner', 'data-state');
}
