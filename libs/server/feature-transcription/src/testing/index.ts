export { emptyTranscriptPipeline } from './empty-pipeline';
export { EngineFailingOnOpen } from './engine-failing-on-open';
