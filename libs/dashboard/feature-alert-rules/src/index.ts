export { AlertRulesPageComponent } from './lib/alert-rules-page.component';
