export { AgentAssistModule, type AgentAssistModuleOptions } from './lib/agent-assist.module';
export { AgentAssistProcessor } from './lib/agent-assist.processor';
export { AssistCardSet, compileCard, type CompiledCard } from './lib/assist-card-set';
export { readAssistCardsFile } from './lib/assist-cards-file';
