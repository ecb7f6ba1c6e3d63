import Anthropic from '@anthropic-ai/sdk';
import { EnsembleError, ErrorCode } from '@ensemble/core';

/** SDK errors become coded errors here, at the adapter, so callers never see SDK classes. */
export function mapAnthropicError(e: unknown): EnsembleError {
  if (e instanceof EnsembleError) return e;
  if (e instanceof Anthropic.APIError && typeof e.status === 'number') {
    const status = e.status;
    const details = { status, requestId: e.requestID ?? undefined };
    if (status === 401 || status === 403) {
      return new EnsembleError(
        ErrorCode.ModelAuth,
        'The Anthropic API refused the key: check the variable named by apiKeyEnv for this model.',
        details,
      );
    }
    if (status === 429) {
      return new EnsembleError(
        ErrorCode.RateLimited,
        'The Anthropic API is rate limiting this key even after retries; try again later or raise maxRetries.',
        details,
      );
    }
    if (status >= 500) {
      return new EnsembleError(
        ErrorCode.Unavailable,
        `The Anthropic API is unavailable (HTTP ${status}) even after retries; try again later.`,
        details,
      );
    }
    return new EnsembleError(
      ErrorCode.ModelRejected,
      `The Anthropic API rejected the request (HTTP ${status}): check the model name and limits in assistant.models.`,
      details,
    );
  }
  if (e instanceof Anthropic.APIConnectionError) {
    return new EnsembleError(
      ErrorCode.Unavailable,
      'Cannot reach the Anthropic API: check the network or baseUrl for this model.',
    );
  }
  return new EnsembleError(ErrorCode.Internal, e instanceof Error ? e.message : String(e));
}
