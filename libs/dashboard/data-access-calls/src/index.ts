export { CallsStore } from './lib/calls.store';
export { ClockService } from './lib/clock.service';
