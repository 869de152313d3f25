export { DemoModule, type DemoModuleOptions } from './lib/demo.module';
