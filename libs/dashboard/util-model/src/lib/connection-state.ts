/**
 * The dashboard's view of its socket: `connecting` (first attempt), `connected` (greeted by the
 * server), `reconnecting` (lost; waiting for or making the next attempt) and `disconnected`
 * (not trying: closed on purpose or gave up after too many attempts).
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/** Every connection state, in the order a connection goes through them. */
export const CONNECTION_STATES: readonly ConnectionState[] = ['connecting', 'connected', 'reconnecting', 'disconnected'];
