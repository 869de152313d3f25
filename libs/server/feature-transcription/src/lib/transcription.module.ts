import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { SessionsModule } from '@tnt/server/feature-sessions';
import { TranscriptPipeline } from './transcript-pipeline';
import { transcriptionEngineProvider } from './transcription-engine.provider';
import { TranscriptionService } from './transcription.service';

/** Speech-to-text for live calls, with the team-extensible transcript pipeline. */
@Module({
  imports: [DiscoveryModule, SessionsModule],
  providers: [transcriptionEngineProvider, TranscriptPipeline, TranscriptionService],
  exports: [TranscriptionService, SessionsModule],
})
export class TranscriptionModule {}
