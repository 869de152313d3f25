export { ASSIST_DISMISSAL_STORAGE, AssistDismissalsStore } from './lib/assist-dismissals.store';
export { CallsStore } from './lib/calls.store';
export { ClockService } from './lib/clock.service';
