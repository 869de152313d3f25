import { Module, type DynamicModule } from '@nestjs/common';
import { DemoCallsService } from './demo-calls.service';

/** What the demo runs on. */
export interface DemoModuleOptions {
  /** The configured transcription module (`TranscriptionModule.forRoot(…)`) the demo calls are started on. */
  readonly transcription: DynamicModule;
}

/**
 * Scripted demo calls, only with `TNT_DEMO=1` and the scripted engine. (With a real engine the
 * composition root streams real speech through ingest with the call simulator instead.)
 */
@Module({})
export class DemoModule {
  /** Demo calls started on `options.transcription`. */
  static forRoot(options: DemoModuleOptions): DynamicModule {
    return { module: DemoModule, imports: [options.transcription], providers: [DemoCallsService] };
  }
}
