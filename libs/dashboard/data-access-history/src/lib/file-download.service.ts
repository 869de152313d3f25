import { DOCUMENT, Injectable, inject } from '@angular/core';
import type { TranscriptFile } from './transcript-file';

/** How long an object URL outlives the click that downloads it. */
const REVOKE_AFTER_MS = 10_000;

/**
 * Hands a file fetched with the bearer token to the browser as a download. A plain link to the
 * API would not carry the token (it lives in the tab's storage, not in a cookie), so the file is
 * fetched first and saved from an object URL.
 */
@Injectable({ providedIn: 'root' })
export class FileDownloadService {
  private readonly document = inject(DOCUMENT);

  /** Offers `file` as a download under its file name. */
  save(file: TranscriptFile): void {
    const view = this.document.defaultView;
    if (!view) throw new Error('cannot download without a browser window');
    const url = view.URL.createObjectURL(file.blob);
    const link = this.document.createElement('a');
    link.href = url;
    link.download = file.fileName;
    link.style.display = 'none';
    this.document.body.appendChild(link);
    link.click();
    link.remove();
    // Some browsers read the URL after click() returns; a few seconds later it is surely done with.
    view.setTimeout(() => view.URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}
