import { Module } from '@nestjs/common';
import { TranscriptionModule } from '@tnt/server/feature-transcription';
import { DemoCallsService } from './demo-calls.service';

/** Simulated demo calls, active only with `TNT_DEMO=1`. */
@Module({ imports: [TranscriptionModule], providers: [DemoCallsService] })
export class DemoModule {}
