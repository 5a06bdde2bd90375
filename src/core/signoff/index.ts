export { isSenior, parseAllowedSigners, type AllowedSigner } from './allowedSigners';
export { evaluateSpans, type EvaluationInput, type SpanReview, type SpanReviewState } from './evaluate';
export {
  ALLOWED_SIGNERS_FILE,
  DEFAULT_POLICY,
  loadPolicy,
  parsePolicy,
  POLICY_FILE,
  PolicyError,
  policyCovers,
  type Policy,
} from './policy';
export { recordSignOff, SignOffRefused, UnreadableProvenance, type SignOffOutcome, type SignOffRequest } from './record';
export { bindingProblem, coveredSpan, createSignOff, isStale, signOffCanonicalBytes, signOffKey } from './records';
export { loadReviewRules, parseReviewRules, reviewFile, SignatureCache, type ReviewRules } from './rules';
export { gitSigningKey, signingSetupAdvice, signSignOff, sshPublicKeys, verifySignOffs, type VerifyOutcome } from './ssh';
export { GROUP_ORDER, needsReview, REVIEW_STATES, type ReviewStateInfo } from './reviewStates';
