export * from './lib/supervisor-board.component';
