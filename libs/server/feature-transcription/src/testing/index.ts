export { emptyTranscriptPipeline } from './empty-pipeline';
export { EngineFailingOnOpen } from './engine-failing-on-open';
export { transcriptPipelineOf } from './pipeline-of';
