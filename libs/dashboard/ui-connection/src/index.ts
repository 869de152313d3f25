export { ConnectionBannerComponent } from './lib/connection-banner.component';
