// Node-free entry point: the dashboard's jsdom specs import this, so nothing here may touch node built-ins
// (the package's main entry carries sox/flite helpers that spawn processes).
export { eventually, EVENTUALLY_TIMEOUT_MS, type EventuallyOptions } from './eventually';
