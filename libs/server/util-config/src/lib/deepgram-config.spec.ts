import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './tnt-config';

const KEY = 'dg-key-for-config-spec';

describe('Deepgram configuration', () => {
  it('reads nothing of Deepgram unless TNT_ENGINE=deepgram, so the default stays offline', () => {
    expect(loadConfig({}).engine).toBe('pocketsphinx');
    expect(loadConfig({ TNT_DEEPGRAM_API_KEY: KEY }).deepgram).toBeNull();
  });

  it('takes the key, the real endpoint and nova-3 by default', () => {
    expect(loadConfig({ TNT_ENGINE: 'deepgram', TNT_DEEPGRAM_API_KEY: KEY }).deepgram).toEqual({
      apiKey: KEY,
      url: 'wss://api.deepgram.com/v1/listen',
      model: 'nova-3',
    });
    const local = { TNT_ENGINE: 'deepgram', TNT_DEEPGRAM_API_KEY: KEY, TNT_DEEPGRAM_URL: 'ws://127.0.0.1:9/v1/listen' };
    expect(loadConfig({ ...local, TNT_DEEPGRAM_MODEL: 'nova-2-phonecall' }).deepgram).toMatchObject({ model: 'nova-2-phonecall' });
  });

  it.each([
    [{}, 'TNT_DEEPGRAM_API_KEY must be set with TNT_ENGINE=deepgram'],
    [
      { TNT_DEEPGRAM_API_KEY: KEY, TNT_DEEPGRAM_URL: 'https://api.deepgram.com/v1/listen' },
      'TNT_DEEPGRAM_URL must be an absolute ws/wss URL',
    ],
    [{ TNT_DEEPGRAM_API_KEY: KEY, TNT_DEEPGRAM_MODEL: 'Nova 3' }, 'TNT_DEEPGRAM_MODEL must be a Deepgram model name'],
    [{ TNT_DEEPGRAM_API_KEY: KEY, TNT_DEMO: '1' }, 'TNT_DEMO must be off with TNT_ENGINE=deepgram: the demo stays offline'],
  ])('fails fast at start on %j', (env, message) => {
    expect(() => loadConfig({ TNT_ENGINE: 'deepgram', ...env })).toThrow(message);
  });

  it('takes a vocabulary file alone (sent as keyterms) and refuses a domain text, which only pocketsphinx uses', () => {
    const directory = mkdtempSync(join(tmpdir(), 'tnt-deepgram-config-'));
    const vocabulary = join(directory, 'vocabulary.txt');
    writeFileSync(vocabulary, 'tnt\npremium plan\n');
    const env = { TNT_ENGINE: 'deepgram', TNT_DEEPGRAM_API_KEY: KEY, TNT_VOCABULARY_FILE: vocabulary };
    expect(loadConfig(env).domainLanguage).toMatchObject({ domainText: null, vocabulary: { path: vocabulary } });
    expect(() => loadConfig({ ...env, TNT_DOMAIN_TEXT_FILE: vocabulary })).toThrow(
      'TNT_DOMAIN_TEXT_FILE does not apply to TNT_ENGINE=deepgram',
    );
    expect(() => loadConfig({ TNT_VOCABULARY_FILE: vocabulary })).toThrow('TNT_VOCABULARY_FILE needs TNT_DOMAIN_TEXT_FILE too');
  });
});
