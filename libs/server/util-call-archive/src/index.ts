export * from './lib/call-archive';
export * from './lib/archive-errors';
