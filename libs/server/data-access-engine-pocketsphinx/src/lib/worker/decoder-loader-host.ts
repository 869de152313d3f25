import { serializeError } from '../serialized-error';
import type { DecoderLoaderSettings, FromDecoderLoaderMessage, ToDecoderLoaderMessage } from '../worker-protocol';
import { PocketsphinxDecoder } from './pocketsphinx-decoder';
import { loadPocketsphinxLibrary, type PocketsphinxLibrary } from './pocketsphinx-library';

/**
 * Everything the decoder-loading thread does: loads decoders on request (models, language
 * model and dictionary: ~0.5 s of CPU each) and frees the ones the engine no longer keeps.
 * Decoding threads only ever receive ready decoders, so loading never stalls live audio.
 */
export class DecoderLoaderHost {
  private readonly library: PocketsphinxLibrary;

  constructor(
    private readonly settings: DecoderLoaderSettings,
    private readonly post: (message: FromDecoderLoaderMessage) => void,
  ) {
    this.library = loadPocketsphinxLibrary(settings.libraryPath);
    this.library.err_set_logfp(null);
  }

  /** Handles one message from the engine; returns false once the thread should exit. */
  handle(message: ToDecoderLoaderMessage): boolean {
    switch (message.kind) {
      case 'load':
        this.load();
        return true;
      case 'free':
        PocketsphinxDecoder.adopt(this.library, message.decoder).free();
        return true;
      case 'shutdown':
        return false;
    }
  }

  private load(): void {
    try {
      const decoder = PocketsphinxDecoder.create(this.library, this.settings.decoderArguments);
      this.post({ kind: 'loaded', decoder: decoder.addresses });
    } catch (error) {
      this.post({ kind: 'load-failed', error: serializeError(error) });
    }
  }
}
