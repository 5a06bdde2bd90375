export { isSenior, parseAllowedSigners, type AllowedSigner } from './allowedSigners';
export { evaluateSpans, type EvaluationInput, type SpanReview, type SpanReviewState } from './evaluate';
export { ALLOWED_SIGNERS_FILE, DEFAULT_POLICY, loadPolicy, parsePolicy, POLICY_FILE, PolicyError, policyCovers, seedPolicyFiles, type Policy } from './policy';
export { recordSignOff, type SignOffOutcome, type SignOffRequest } from './record';
export { createSignOff, isStale, signOffCanonicalBytes } from './records';
export { gitSigningKey, signSignOff, verifySignOffs } from './ssh';
