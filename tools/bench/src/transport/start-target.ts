import { BaselineTarget } from './baseline-target';
import { TntTarget } from './tnt-target';
import type { TargetName, TargetOptions, TransportTarget } from './transport-target';

/** Starts the named server under test as its own process. */
export function startTarget(name: TargetName, options: TargetOptions): Promise<TransportTarget> {
  return name === 'TnT' ? TntTarget.start(options) : BaselineTarget.start(name, options);
}
