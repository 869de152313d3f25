export { CallViewComponent } from './lib/call-view.component';
export { CallPanelComponent } from './lib/call-panel.component';
