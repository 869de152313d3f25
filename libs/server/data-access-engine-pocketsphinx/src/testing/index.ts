export { lineNoise, mixNoise, telephoneRoundTrip, upsampleLinear } from './synthetic-speech';
export { transcribe, type Transcript } from './transcribe';
export * from './native-heap';
export { waitFor } from './wait-for';
