export { diffToEdits, type EditsResult, type ReanchorLimits } from './diffEdits';
export { mapLines, reanchorSpans, type DroppedSpan, type LineMapResult, type ReanchorResult } from './reanchor';
