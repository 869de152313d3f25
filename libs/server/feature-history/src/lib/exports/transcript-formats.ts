import type { HistoryTranscript, TranscriptFormat } from '@tnt/protocol';
import { toPlainText } from './plain-text';
import { toSrt } from './srt';
import { toWebVtt } from './webvtt';

/** A rendered text export. */
export interface RenderedTranscript {
  contentType: string;
  extension: string;
  body: string;
}

/** Renders a text format (everything but `json`, which is the transcript object itself). */
export function renderTranscript(transcript: HistoryTranscript, format: Exclude<TranscriptFormat, 'json'>): RenderedTranscript {
  switch (format) {
    case 'txt':
      return { contentType: 'text/plain; charset=utf-8', extension: 'txt', body: toPlainText(transcript.call, transcript.segments) };
    case 'vtt':
      return { contentType: 'text/vtt; charset=utf-8', extension: 'vtt', body: toWebVtt(transcript.call.id, transcript.segments) };
    case 'srt':
      return { contentType: 'application/x-subrip; charset=utf-8', extension: 'srt', body: toSrt(transcript.segments) };
  }
}
