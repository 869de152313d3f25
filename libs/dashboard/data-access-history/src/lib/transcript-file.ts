import type { TranscriptFormat } from '@tnt/protocol';

/** Every export format of `GET /api/calls/:id/transcript` (the protocol's `TRANSCRIPT_FORMATS`), in the order the page offers them. */
export const EXPORT_FORMATS: readonly TranscriptFormat[] = ['txt', 'vtt', 'srt', 'json'];

/** An exported transcript, ready to save. */
export interface TranscriptFile {
  readonly blob: Blob;
  readonly fileName: string;
}

/**
 * The file name the server gives an export (`call-<id>.<ext>`, other characters as `_`); the
 * page names it itself because `Content-Disposition` is not sent for JSON.
 */
export function transcriptFileName(callId: string, format: TranscriptFormat): string {
  return `call-${callId.replace(/[^A-Za-z0-9._-]/g, '_')}.${format}`;
}
