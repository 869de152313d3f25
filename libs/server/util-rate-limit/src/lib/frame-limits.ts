import type { TntError } from '@tnt/protocol';
import { messageTooLarge } from './limit-errors';

/** Default largest frame per kind of endpoint, in bytes. */
export const FRAME_LIMIT_DEFAULTS = {
  /** UI socket: small JSON requests (`subscribe`, `ping`). */
  ui: 64 * 1024,
  /** Audio ingest: a Twilio media frame is ~1 KiB, an L16 frame of 100 ms stereo 48 kHz ~19 KiB. */
  ingest: 256 * 1024,
} as const;

/** Byte length of a frame as `ws` delivers it (text as string, binary as Buffer or chunks). */
export function frameByteLength(frame: string | Uint8Array | ArrayBuffer | readonly Uint8Array[]): number {
  if (typeof frame === 'string') return Buffer.byteLength(frame);
  if (frame instanceof ArrayBuffer) return frame.byteLength;
  if (Array.isArray(frame)) return frame.reduce((total: number, chunk: Uint8Array) => total + chunk.byteLength, 0);
  return (frame as Uint8Array).byteLength;
}

/** The `MESSAGE_TOO_LARGE` error (close 1009) for a frame over `limit`, or undefined. */
export function checkFrameSize(byteLength: number, limit: number): TntError | undefined {
  return byteLength > limit ? messageTooLarge(byteLength, limit) : undefined;
}
