// One change event, decided: which characters it wrote and whether an assistant wrote them. Pure,
// so the whole capture decision (minimal edits, labels, commands, evidence) is unit-tested.
import type { TextEdit } from '../model';
import { classifyChange, type ChangeFacts, type Classification } from './classify';
import { insertionEvidence } from './insertionEvidence';
import { minimalEdits } from './minimalEdits';
import type { TextSource } from './textShadow';

export interface CapturedChange {
  verdict: Classification;
  /**
   * The event's edits reduced to what actually changed, ascending, in pre-change coordinates.
   * For an AI verdict each edit's inserted text is AI-written; otherwise all of it is human.
   */
  edits: TextEdit[];
}

/** `before` is the document text before the event (a string, or a TextShadow on the typing path). */
export function captureChange(before: TextSource, edits: readonly TextEdit[], facts: Omit<ChangeFacts, 'insertion'>): CapturedChange {
  const minimal = minimalEdits(before, edits);
  const verdict = classifyChange({ ...facts, insertion: () => insertionEvidence(before.toString(), minimal) });
  return { verdict, edits: minimal };
}
