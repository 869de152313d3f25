import { TestBed } from '@angular/core/testing';
import { aCallInfo, aSegment } from '@tnt/dashboard/util-model/testing';
import { TranscriptExportService } from './transcript-export.service';

describe('TranscriptExportService', () => {
  it('downloads the transcript as a text file named after the call', async () => {
    // jsdom has no object URLs; these stand-ins keep the Blob so its text can be checked.
    const blobs = new Map<string, Blob>();
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        const url = `blob:test/${blobs.size + 1}`;
        blobs.set(url, blob);
        return url;
      },
      revokeObjectURL: (url: string) => blobs.delete(url),
    });
    const clicked: { href: string; download: string }[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });

    TestBed.inject(TranscriptExportService).download(aCallInfo({ id: 'demo-5' }), [aSegment({ text: 'Hello.', startMs: 0 })]);

    expect(clicked).toEqual([{ href: 'blob:test/1', download: 'transcript-demo-5.txt' }]);
    const blob = blobs.get('blob:test/1') as Blob;
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(blob);
    });
    expect(text).toContain('[0:00] Caller: Hello.');
    expect(document.querySelector('a[download]')).toBeNull();
    click.mockRestore();
  });
});
