export * from './lib/call-card.component';
export * from './lib/call-filter.component';
