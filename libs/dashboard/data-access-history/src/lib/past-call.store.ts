import { Injectable, inject, signal } from '@angular/core';
import type { HistoryTranscript, TranscriptFormat } from '@tnt/protocol';
import { FileDownloadService } from './file-download.service';
import { HistoryApiClient } from './history-api.client';
import type { HistoryProblem } from './history-problem';

/** A stored call being shown: on its way, loaded with its final segments, or not available. */
export type PastCallState =
  | { readonly kind: 'loading'; readonly callId: string }
  | { readonly kind: 'loaded'; readonly callId: string; readonly transcript: HistoryTranscript }
  | { readonly kind: 'failed'; readonly callId: string; readonly problem: HistoryProblem };

/** An export that did not work, and in which format it was asked for. */
export interface ExportProblem {
  readonly format: TranscriptFormat;
  readonly problem: HistoryProblem;
}

/**
 * One stored call, read-only, as signals: its details and final transcript from the JSON export,
 * and downloads of the other exports. Provide it per page.
 */
@Injectable()
export class PastCallStore {
  private readonly api = inject(HistoryApiClient);
  private readonly downloads = inject(FileDownloadService);
  private readonly stateSignal = signal<PastCallState | undefined>(undefined);
  private readonly exportingSignal = signal<TranscriptFormat | undefined>(undefined);
  private readonly exportProblemSignal = signal<ExportProblem | undefined>(undefined);
  private generation = 0;

  /** The call shown, `undefined` before {@link load}. */
  readonly state = this.stateSignal.asReadonly();
  /** The format being fetched for download, if any. */
  readonly exporting = this.exportingSignal.asReadonly();
  /** Why the last download did not work, until the next one. */
  readonly exportProblem = this.exportProblemSignal.asReadonly();

  /** Loads the call's stored transcript; a later load (another call) wins over an earlier one still under way. */
  async load(callId: string): Promise<void> {
    const generation = ++this.generation;
    this.stateSignal.set({ kind: 'loading', callId });
    this.exportProblemSignal.set(undefined);
    const result = await this.api.transcript(callId);
    if (generation !== this.generation) return;
    this.stateSignal.set(
      result.ok ? { kind: 'loaded', callId, transcript: result.value } : { kind: 'failed', callId, problem: result.problem },
    );
  }

  /** Fetches the loaded call's transcript in `format` and offers it as a download; one at a time. */
  async download(format: TranscriptFormat): Promise<void> {
    const state = this.stateSignal();
    if (state?.kind !== 'loaded' || this.exportingSignal() !== undefined) return;
    this.exportingSignal.set(format);
    this.exportProblemSignal.set(undefined);
    try {
      const result = await this.api.exportTranscript(state.callId, format);
      if (result.ok) this.downloads.save(result.value);
      else this.exportProblemSignal.set({ format, problem: result.problem });
    } finally {
      this.exportingSignal.set(undefined);
    }
  }
}
