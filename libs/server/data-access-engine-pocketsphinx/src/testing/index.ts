export { lineNoise, mixNoise, telephoneRoundTrip, upsampleLinear } from './synthetic-speech';
export { transcribe, type Transcript } from './transcribe';
export { nativeHeapBytesInUse } from './native-heap';
