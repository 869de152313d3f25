export { aCallInfo, aCallState, aSegment } from './call-fixtures';
