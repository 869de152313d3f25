import type { AuthSession } from '@tnt/dashboard/data-access-auth';

/** The sign-in page's path. */
export const LOGIN_PATH = '/login';

/** Where a user starts: supervisors on the board, agents on their own view. */
export function homePathOf(session: Pick<AuthSession, 'role' | 'agentId'>): string {
  return session.role === 'agent' && session.agentId !== undefined ? `/agent/${encodeURIComponent(session.agentId)}` : '/';
}

/**
 * `url` when it is a path of this dashboard to return to after signing in, otherwise `undefined`.
 * Anything else (`//host`, `https://…`, `/\host`) could send the person to another site.
 */
export function safeReturnUrl(url: string | null | undefined): string | undefined {
  if (!url || !url.startsWith('/') || url.startsWith('//') || url.includes('\\')) return undefined;
  if (url === LOGIN_PATH || url.startsWith(`${LOGIN_PATH}?`) || url.startsWith(`${LOGIN_PATH}/`)) return undefined;
  return url;
}

/** Query parameters of the sign-in page that bring the person back to `url` afterwards (none for the start page). */
export function returnUrlParams(url: string): Record<string, string> {
  const safe = safeReturnUrl(url);
  return safe === undefined || safe === '/' ? {} : { returnUrl: safe };
}
