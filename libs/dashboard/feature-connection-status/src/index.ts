export { ConnectionStatusComponent } from './lib/connection-status.component';
