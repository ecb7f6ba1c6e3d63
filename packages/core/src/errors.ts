/**
 * Every error Ensemble raises carries a stable string `code` so callers (CLI, hub, Slack,
 * VS Code) can branch on it and show a message that says what to do next.
 */
export const ErrorCode = {
  InvalidInput: 'invalid_input',
  InvalidItem: 'invalid_item',
  NotFound: 'not_found',
  NotOwner: 'not_owner',
  InvalidTransition: 'invalid_transition',
  OwnerMustBeHuman: 'owner_must_be_human',
  InvalidConfig: 'invalid_config',
  Unauthorized: 'unauthorized',
  Forbidden: 'forbidden',
  PayloadTooLarge: 'payload_too_large',
  MalformedMessage: 'malformed_message',
  BudgetExceeded: 'budget_exceeded',
  Unavailable: 'unavailable',
  BlockedContent: 'blocked_content',
  EvalRegression: 'eval_regression',
  ModelRejected: 'model_rejected',
  ModelAuth: 'model_auth',
  RateLimited: 'rate_limited',
  Internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class EnsembleError extends Error {
  override readonly name = 'EnsembleError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const isEnsembleError = (e: unknown): e is EnsembleError => e instanceof EnsembleError;

/** Wraps anything thrown into an EnsembleError, keeping the code when there is one. */
export function asEnsembleError(e: unknown): EnsembleError {
  if (isEnsembleError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new EnsembleError(ErrorCode.Internal, message);
}
