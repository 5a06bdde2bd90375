export { diffToEdits, type EditsResult, type ReanchorLimits } from './diffEdits';
export { reanchorSpans, type DroppedSpan, type ReanchorResult } from './reanchor';
export {
  reanchorWithoutBlob,
  type NotFoundSpan,
  type ReanchorWithoutBlobLimits,
  type ReanchorWithoutBlobResult,
  type RecordedRange,
  type RecordedSpan,
} from './reanchorWithoutBlob';
