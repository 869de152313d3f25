export * from './lib/history-page.component';
export * from './lib/past-call-page.component';
export * from './lib/history-search-form.component';
export * from './lib/history-result.component';
export * from './lib/highlighted-text.component';
export * from './lib/past-transcript.component';
export * from './lib/highlight-parts';
export * from './lib/history-page-params';
