export * from './synthetic-speech';
export * from './transcribe';
export * from './word-error-rate';
export * from './native-heap';
export { waitFor } from './wait-for';
