export * from './lib/call-view.component';
export * from './lib/call-panel.component';
export * from './lib/transcript-export.service';
