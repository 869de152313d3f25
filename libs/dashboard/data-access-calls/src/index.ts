export * from './lib/calls.store';
export * from './lib/clock.service';
export * from './lib/call-records';
