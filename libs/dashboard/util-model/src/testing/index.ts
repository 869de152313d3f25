export { aCallInfo, aCallState, anAlert, anAssist, aSegment } from './call-fixtures';
