import {
  ArchiveUnavailableError,
  type ArchivedCall,
  type CallArchive,
  type CallListPage,
  type CallTranscript,
} from '@tnt/server/util-call-archive';

/** The archive of a store that keeps nothing on disk (`TNT_STORE=memory`): every request says so. */
export class UnavailableCallArchive implements CallArchive {
  constructor(private readonly reason: string) {}

  listCalls(): Promise<CallListPage> {
    return Promise.reject(new ArchiveUnavailableError(this.reason));
  }

  getCall(): Promise<ArchivedCall | undefined> {
    return Promise.reject(new ArchiveUnavailableError(this.reason));
  }

  transcript(): Promise<CallTranscript | undefined> {
    return Promise.reject(new ArchiveUnavailableError(this.reason));
  }
}
