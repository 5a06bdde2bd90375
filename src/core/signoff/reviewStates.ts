// The review vocabulary, in one table: how each state is named, whether it still needs a senior
// (it blocks verify), how the view orders and titles its groups, and the mark `aiprov blame` prints.
import type { SpanReviewState } from './evaluate';

export interface ReviewStateInfo {
  /** Lower-case phrase for one span ("unreviewed", "signed off"). */
  label: string;
  /** Title of the view's group of files whose most urgent span is in this state. */
  groupLabel: string;
  /** The span blocks `aiprov verify` until a senior signs it off. */
  needsReview: boolean;
  /** Group order in the view, most urgent first. */
  order: number;
  mark: string;
}

export const REVIEW_STATES: Readonly<Record<SpanReviewState, ReviewStateInfo>> = {
  'changes-requested': { label: 'changes requested', groupLabel: 'Changes requested', needsReview: true, order: 0, mark: '✗' },
  stale: { label: 'changed since sign-off', groupLabel: 'Changed since sign-off', needsReview: true, order: 1, mark: '!' },
  unreviewed: { label: 'unreviewed', groupLabel: 'Needs review', needsReview: true, order: 2, mark: '✗' },
  approved: { label: 'signed off', groupLabel: 'Signed off', needsReview: false, order: 3, mark: '✓' },
  'not-required': { label: 'no sign-off required', groupLabel: 'Signed off', needsReview: false, order: 4, mark: ' ' },
};

export const needsReview = (state: SpanReviewState): boolean => REVIEW_STATES[state].needsReview;

/** States in the view's group order; not-required spans are listed with the signed-off ones. */
export const GROUP_ORDER: readonly SpanReviewState[] = (Object.keys(REVIEW_STATES) as SpanReviewState[])
  .filter((s) => s !== 'not-required')
  .sort((a, b) => REVIEW_STATES[a].order - REVIEW_STATES[b].order);
