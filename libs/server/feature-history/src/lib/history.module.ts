import { Module } from '@nestjs/common';
import { CallsController } from './calls.controller';

/**
 * The call history API under `/api/calls`. It reads the `CALL_ARCHIVE` that the (global)
 * storage module provides.
 */
@Module({ controllers: [CallsController] })
export class HistoryModule {}
