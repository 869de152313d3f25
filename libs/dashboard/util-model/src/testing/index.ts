export { aCallInfo, aCallState, anAlert, anAssist, aSegment, aTalkReading } from './call-fixtures';
