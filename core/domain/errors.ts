export type DomainErrorCode = 'invalid' | 'not_found' | 'conflict' | 'unauthorized' | 'forbidden' | 'unavailable' | 'rate_limited';

/** A refusal the user can act on; the message is shown to them as is. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Per-item reasons, e.g. the rows of an import that were refused. */
    readonly details?: { row?: number; message: string }[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
