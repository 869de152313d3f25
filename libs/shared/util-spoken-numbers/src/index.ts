export { digitValue, isNumberWord, numberWord, type NumberWord, type NumberWordKind, scaleValue } from './lib/number-words';
export { type NumberShape, readBelowHundred, readDigitRun, readNumber, type SpokenDigits, type SpokenNumber } from './lib/read-number';
export { spokenWords, type SpokenWords } from './lib/spoken-words';
