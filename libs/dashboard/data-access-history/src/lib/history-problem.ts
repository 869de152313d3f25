/**
 * Why a history request did not work, in terms a page can explain. Every HTTP failure ends up as
 * one of these; only programming errors throw.
 */
export type HistoryProblem =
  /** Nobody is signed in, or the server stopped accepting the session (401): the app shows the sign-in page. */
  | { readonly kind: 'signed-out' }
  /** 403: the signed-in person may not see this. */
  | { readonly kind: 'forbidden'; readonly message: string }
  /** 404 `CALL_NOT_FOUND`: no stored call has this id, or it is not one this person may see. */
  | { readonly kind: 'not-found'; readonly message: string }
  /** 503 `HISTORY_UNAVAILABLE`: the gateway keeps no history (`TNT_STORE=memory`). */
  | { readonly kind: 'unavailable'; readonly message: string }
  /** 400: the server refused a parameter; `message` names it. */
  | { readonly kind: 'invalid-request'; readonly message: string }
  /** No answer: the network, the server down, a proxy that cannot reach it, or a timeout. */
  | { readonly kind: 'unreachable' }
  /** Any other answer, including an answer that is not the documented shape. */
  | { readonly kind: 'unexpected'; readonly status: number; readonly message: string };

/** The outcome of a history request: the value, or why there is none. */
export type HistoryResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: HistoryProblem };

/** What a person reads about a problem: a short title and what to do. */
export interface ProblemText {
  readonly title: string;
  readonly detail: string;
}

/** Explains a problem to the person using the history; `subject` names what was asked for, e.g. `Call demo-3`. */
export function describeHistoryProblem(problem: HistoryProblem, subject = 'The history'): ProblemText {
  switch (problem.kind) {
    case 'signed-out':
      return { title: 'You are signed out', detail: 'Sign in again to see the history.' };
    case 'forbidden':
      return { title: `${subject} is not available to you`, detail: problem.message };
    case 'not-found':
      return {
        title: `${subject} is not in the history`,
        detail: 'No stored call has this id, or it is not one of the calls you may see. Check the link, or search the history.',
      };
    case 'unavailable':
      return {
        title: 'The history is switched off',
        detail: 'This server keeps calls in memory only (TNT_STORE=memory), so there is no history to search. Live calls still work.',
      };
    case 'invalid-request':
      return { title: 'The server did not accept the search', detail: problem.message };
    case 'unreachable':
      return { title: 'The server cannot be reached', detail: 'Check the connection and try again; nothing was lost.' };
    case 'unexpected':
      return { title: 'Something went wrong', detail: `The server answered ${problem.status || 'unexpectedly'}: ${problem.message}` };
  }
}
