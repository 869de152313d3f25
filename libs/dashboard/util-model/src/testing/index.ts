export { aCallInfo, aCallState, anAlert, aSegment, aTalkReading } from './call-fixtures';
