export { AgentViewComponent } from './lib/agent-view.component';
