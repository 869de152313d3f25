import { Injectable } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { interval, map } from 'rxjs';

/** One shared clock for every ticking duration and countdown on screen. */
@Injectable({ providedIn: 'root' })
export class ClockService {
  /** The current time (epoch ms), updated every second. */
  readonly now = toSignal(interval(1000).pipe(map(() => Date.now())), { initialValue: Date.now() });
}
