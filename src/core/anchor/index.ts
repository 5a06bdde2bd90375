export { diffToEdits, type EditsResult, type ReanchorLimits } from './diffEdits';
export { mapLines, reanchorSpans, type DroppedSpan, type LineMapResult, type ReanchorResult } from './reanchor';
export {
  reanchorWithoutBlob,
  type NotFoundSpan,
  type ReanchorWithoutBlobLimits,
  type ReanchorWithoutBlobResult,
  type RecordedRange,
  type RecordedSpan,
} from './reanchorWithoutBlob';
