export { AgentAssistModule, DEFAULT_ASSIST_CARDS_RELOAD_INTERVAL_MS, type AgentAssistModuleOptions } from './lib/agent-assist.module';
export { AgentAssistProcessor } from './lib/agent-assist.processor';
export { AssistCardSet, compileCard, type CompiledCard } from './lib/assist-card-set';
export { readAssistCardsFile } from './lib/assist-cards-file';
export { ASSIST_CARDS_KEY, StoredAssistCards } from './lib/stored-assist-cards';
