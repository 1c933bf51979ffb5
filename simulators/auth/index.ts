export { generateSigningKey, loadOrCreateSigningKey, TOKEN_ALGS, KEY_FILE, JWKS_FILE, type SigningKey, type TokenAlg } from './keys.ts';
export { issueToken, type TokenClaims, type IssueOptions } from './issue.ts';
export { checkBearer, loadJwks, type AccessRequest, type BearerDecision, type VerifierOptions } from './verify.ts';
