export * from './lib/demo.module';
export * from './lib/demo-calls.service';
