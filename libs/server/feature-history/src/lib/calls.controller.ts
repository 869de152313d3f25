import { Controller, Get, Inject, Param, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { object, oneOf, optional } from '@tnt/protocol';
import { BearerAuthGuard, callScopeOf, canSeeCall, CurrentPrincipal, type Principal } from '@tnt/server/feature-auth';
import { CALL_ARCHIVE, type ArchivedCall, type CallArchive, type CallListPage, type CallTranscript } from '@tnt/server/util-call-archive';
import { HttpExceptionFilter } from '@tnt/server/util-errors';
import type { Response } from 'express';
import { parseCallListQuery } from './call-list-query';
import { renderTranscript, TRANSCRIPT_FORMATS } from './exports/transcript-formats';
import { callNotFound } from './history-errors';
import { callIdParameter, parseQuery, type RawQuery } from './query-parameters';

/** Characters kept in a download's file name; others become `_`. */
const FILE_NAME_UNSAFE = /[^A-Za-z0-9._-]/g;

/** `GET /api/calls/:id` takes no query parameters. */
const NO_PARAMETERS = object({}, 'reject');
/** `GET /api/calls/:id/transcript?format=…`. */
const TRANSCRIPT_PARAMETERS = object({ format: optional(oneOf(TRANSCRIPT_FORMATS)) }, 'reject');

/**
 * The stored calls over HTTP: listing with filters, search and paging; one call; its transcript.
 * Every route needs a bearer token; a supervisor sees every call, an agent only its own (another
 * agent's call answers 404, as an unknown one does, so ids cannot be probed).
 */
@Controller('api/calls')
@UseGuards(BearerAuthGuard)
@UseFilters(HttpExceptionFilter)
export class CallsController {
  constructor(@Inject(CALL_ARCHIVE) private readonly archive: CallArchive) {}

  /** `GET /api/calls?status&agentId&from&to&q&limit&cursor`: one page of calls, newest first. */
  @Get()
  async listCalls(@Query() query: RawQuery, @CurrentPrincipal() principal: Principal): Promise<CallListPage> {
    const listQuery = parseCallListQuery(query);
    const scope = callScopeOf(principal);
    if (scope.agentId !== undefined) {
      if (listQuery.agentId !== undefined && listQuery.agentId !== scope.agentId) return { calls: [], nextCursor: null };
      listQuery.agentId = scope.agentId;
    }
    return this.archive.listCalls(listQuery);
  }

  /** `GET /api/calls/:id`: one stored call; 400 for an id no call can have. */
  @Get(':id')
  async getCall(@Param('id') id: string, @Query() query: RawQuery, @CurrentPrincipal() principal: Principal): Promise<ArchivedCall> {
    const callId = callIdParameter(id);
    parseQuery(NO_PARAMETERS, query);
    const call = await this.archive.getCall(callId);
    if (!call || !canSeeCall(principal, call)) throw callNotFound(callId);
    return call;
  }

  /** `GET /api/calls/:id/transcript?format=json|txt|vtt|srt`: the final segments, as data or as a file; 400 for an invalid id. */
  @Get(':id/transcript')
  async transcript(
    @Param('id') id: string,
    @Query() query: RawQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CallTranscript | string> {
    const callId = callIdParameter(id);
    const format = parseQuery(TRANSCRIPT_PARAMETERS, query).format ?? 'json';
    const transcript = await this.archive.transcript(callId);
    if (!transcript || !canSeeCall(principal, transcript.call)) throw callNotFound(callId);
    if (format === 'json') return transcript;
    const rendered = renderTranscript(transcript, format);
    response.setHeader('Content-Type', rendered.contentType);
    response.setHeader('Content-Disposition', `inline; filename="call-${callId.replace(FILE_NAME_UNSAFE, '_')}.${rendered.extension}"`);
    return rendered.body;
  }
}
