import { Module } from '@nestjs/common';
import { TranscriptionModule } from '@tnt/server/feature-transcription';
import { DemoCallsService } from './demo-calls.service';
import { SimulatorDemoService } from './simulator-demo.service';

/** Demo calls, only with `TNT_DEMO=1`: real speech through ingest, or scripted text for the scripted engine. */
@Module({ imports: [TranscriptionModule], providers: [DemoCallsService, SimulatorDemoService] })
export class DemoModule {}
