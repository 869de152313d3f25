export { aCallInfo, aCallState, anAlert, anAssist, aSegment, aTalkReading } from './call-fixtures';
export { aCallerReading } from './sentiment-fixtures';
