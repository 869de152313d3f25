export { type ScriptedTurn, spokenForm } from './lib/scripted-conversations';
export { conversationFor, ScriptedEngine } from './lib/scripted-engine';
export { conversationLengthMs, DEFAULT_PACING, type ScriptedPacing } from './lib/scripted-timeline';
