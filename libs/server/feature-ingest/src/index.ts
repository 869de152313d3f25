export * from './lib/ingest-connections';
export * from './lib/ingest-error';
export * from './lib/ingest.gateways';
export * from './lib/ingest.module';
export * from './lib/l16-session';
export * from './lib/twilio-media-session';
