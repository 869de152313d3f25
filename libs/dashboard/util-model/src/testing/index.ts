export { aCallInfo, aCallState, anAlert, aSegment } from './call-fixtures';
