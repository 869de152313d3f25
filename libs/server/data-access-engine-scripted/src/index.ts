export * from './lib/scripted-conversations';
export * from './lib/scripted-engine';
export * from './lib/scripted-timeline';
