export * from './lib/transcript.component';
export * from './lib/transcript-line.component';
export * from './lib/call-header.component';
