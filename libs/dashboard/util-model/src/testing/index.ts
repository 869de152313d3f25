export { aCallInfo, aCallState, anAlert, aSegment } from './call-fixtures';
export { aCallerReading } from './sentiment-fixtures';
