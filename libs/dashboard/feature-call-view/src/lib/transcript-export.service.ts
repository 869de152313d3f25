import { DOCUMENT, Injectable, inject } from '@angular/core';
import type { CallInfo, TranscriptSegment } from '@tnt/protocol';
import { transcriptAsText, transcriptFileName } from '@tnt/dashboard/util-model';

/** Copies a call's transcript to the clipboard or saves it as a text file. */
@Injectable({ providedIn: 'root' })
export class TranscriptExportService {
  private readonly document = inject(DOCUMENT);

  /** Copies the transcript as text; resolves true when the browser accepted it. */
  async copy(call: CallInfo, segments: readonly TranscriptSegment[]): Promise<boolean> {
    const text = transcriptAsText(call, segments);
    const clipboard = this.document.defaultView?.navigator.clipboard;
    if (clipboard) {
      try {
        await clipboard.writeText(text);
        return true;
      } catch (error) {
        // Refused (no permission, or the page is not focused): the selection fallback may still work.
        console.warn('TnT: the clipboard refused the transcript; trying the selection fallback', error);
      }
    }
    return this.copyThroughSelection(text);
  }

  /** Offers the transcript as a `.txt` download named after the call. */
  download(call: CallInfo, segments: readonly TranscriptSegment[]): void {
    const view = this.document.defaultView;
    if (!view) throw new Error('cannot download without a browser window');
    const url = view.URL.createObjectURL(new Blob([transcriptAsText(call, segments)], { type: 'text/plain;charset=utf-8' }));
    const link = this.document.createElement('a');
    link.href = url;
    link.download = transcriptFileName(call);
    link.style.display = 'none';
    this.document.body.appendChild(link);
    link.click();
    link.remove();
    view.setTimeout(() => view.URL.revokeObjectURL(url), 0);
  }

  /** Plain-http pages have no Clipboard API; a selected textarea and the copy command still work there. */
  private copyThroughSelection(text: string): boolean {
    const area = this.document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    this.document.body.appendChild(area);
    area.select();
    try {
      return this.document.execCommand('copy');
    } catch (error) {
      console.error('TnT: could not copy the transcript', error);
      return false;
    } finally {
      area.remove();
    }
  }
}
