export * from './lib/agent-view.component';
