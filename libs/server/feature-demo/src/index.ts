export * from './lib/demo.module';
export * from './lib/demo-calls.service';
export * from './lib/simulator-demo.service';
