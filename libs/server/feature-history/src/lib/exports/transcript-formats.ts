import type { CallTranscript } from '@tnt/server/util-call-archive';
import { toPlainText } from './plain-text';
import { toSrt } from './srt';
import { toWebVtt } from './webvtt';

/** Every `format` of `GET /api/calls/:id/transcript`. */
export const TRANSCRIPT_FORMATS = ['json', 'txt', 'vtt', 'srt'] as const;

/** A transcript format, see {@link TRANSCRIPT_FORMATS}. */
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];

/** A rendered text export. */
export interface RenderedTranscript {
  contentType: string;
  extension: string;
  body: string;
}

/** Renders a text format (everything but `json`, which is the transcript object itself). */
export function renderTranscript(transcript: CallTranscript, format: Exclude<TranscriptFormat, 'json'>): RenderedTranscript {
  switch (format) {
    case 'txt':
      return { contentType: 'text/plain; charset=utf-8', extension: 'txt', body: toPlainText(transcript.call, transcript.segments) };
    case 'vtt':
      return { contentType: 'text/vtt; charset=utf-8', extension: 'vtt', body: toWebVtt(transcript.call.id, transcript.segments) };
    case 'srt':
      return { contentType: 'application/x-subrip; charset=utf-8', extension: 'srt', body: toSrt(transcript.segments) };
  }
}
