export { SpeechError, SpeechErrorCode } from './lib/speech-error';
export { formatWav, type Pcm16Audio, type Pcm16Wav } from './lib/wav';
export { readPcm16WavFile } from './lib/wav-file';
export { type ConversationScript, type ConversationTurn, parseConversationScript, referenceText } from './lib/conversation-script';
export { type Conversation, listConversationDirectories, loadConversation } from './lib/conversation';
