/** Version of the message protocol in this file set; bumped only for incompatible changes. */
export const PROTOCOL_VERSION = 1;

/** The path of the UI WebSocket on the gateway's HTTP port. */
export const UI_SOCKET_PATH = '/ws';

/** Subscribing to this call id means every call the connection may see. */
export const ALL_CALLS = '*';
