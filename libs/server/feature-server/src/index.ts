export * from './lib/bootstrap-gateway';
export * from './lib/dashboard-static';
export * from './lib/tnt-server.module';
