import type { SignInProblem } from '@tnt/dashboard/data-access-auth';

/** What to tell the person about a failed sign-in: what happened and what to do. */
export function describeSignInProblem(problem: SignInProblem): string {
  switch (problem.kind) {
    case 'invalid-credentials':
      return 'That username and password do not match an account. Check both and try again.';
    case 'rate-limited':
      return problem.retryAfterSeconds === undefined
        ? 'Too many sign-in attempts. Wait a minute, then try again.'
        : `Too many sign-in attempts. Wait ${problem.retryAfterSeconds} seconds, then try again.`;
    case 'invalid-request':
      return `The server could not read the sign-in: ${problem.message}.`;
    case 'unreachable':
      return (
        'The TnT server cannot be reached. Check your network connection; if that works, the server may be down. ' +
        'Try again in a moment.'
      );
    case 'unexpected':
      return (
        `The server could not sign you in (HTTP ${problem.status}: ${problem.message}). ` +
        'Try again in a moment; if it keeps happening, tell your administrator.'
      );
  }
}
