export { HistoryPageComponent } from './lib/history-page.component';
export { PastCallPageComponent } from './lib/past-call-page.component';
