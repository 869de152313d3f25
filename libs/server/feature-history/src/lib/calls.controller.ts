import { Controller, Get, Inject, Param, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { CALL_DETAIL_PARAMETERS, TRANSCRIPT_PARAMETERS, type HistoryCall, type HistoryPage, type HistoryTranscript } from '@tnt/protocol';
import { BearerAuthGuard, callScopeOf, canSeeCall, CurrentPrincipal, type Principal } from '@tnt/server/feature-auth';
import { CALL_ARCHIVE, type CallArchive } from '@tnt/server/util-call-archive';
import { HttpExceptionFilter } from '@tnt/server/util-errors';
import type { Response } from 'express';
import { parseCallListQuery } from './call-list-query';
import { renderTranscript } from './exports/transcript-formats';
import { callNotFound } from './history-errors';
import { callIdParameter, parseQuery, type RawQuery } from './query-parameters';

/** Characters kept in a download's file name; others become `_`. */
const FILE_NAME_UNSAFE = /[^A-Za-z0-9._-]/g;

/**
 * The stored calls over HTTP: listing with filters, search and paging; one call; its transcript.
 * Query strings are checked against the protocol's schemas (`CALL_LIST_PARAMETERS`,
 * `CALL_DETAIL_PARAMETERS`, `TRANSCRIPT_PARAMETERS`) and the answers are the protocol's
 * `HISTORY_PAGE`, `HISTORY_CALL` and `HISTORY_TRANSCRIPT`, which the dashboard checks them against.
 * Every route needs a bearer token; a supervisor sees every call, an agent only its own (another
 * agent's call answers 404, as an unknown one does, so ids cannot be probed).
 */
@Controller('api/calls')
@UseGuards(BearerAuthGuard)
@UseFilters(HttpExceptionFilter)
export class CallsController {
  constructor(@Inject(CALL_ARCHIVE) private readonly archive: CallArchive) {}

  /** `GET /api/calls?status&agentId&from&to&q&alert&limit&cursor`: one page of calls, newest first. */
  @Get()
  async listCalls(@Query() query: RawQuery, @CurrentPrincipal() principal: Principal): Promise<HistoryPage> {
    const listQuery = parseCallListQuery(query);
    const scope = callScopeOf(principal);
    if (scope.agentId !== undefined) {
      if (listQuery.agentId !== undefined && listQuery.agentId !== scope.agentId) return { calls: [], nextCursor: null };
      listQuery.agentId = scope.agentId;
    }
    return this.archive.listCalls(listQuery);
  }

  /** `GET /api/calls/:id`: one stored call with its insights; 400 for an id no call can have. */
  @Get(':id')
  async getCall(@Param('id') id: string, @Query() query: RawQuery, @CurrentPrincipal() principal: Principal): Promise<HistoryCall> {
    const callId = callIdParameter(id);
    parseQuery(CALL_DETAIL_PARAMETERS, query);
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
  ): Promise<HistoryTranscript | string> {
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
