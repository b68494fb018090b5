/**
 * A byte pipe to a device. Drivers are written against this, never against a
 * socket or a serial port, so the same driver bytes run over TCP, serial, or an
 * in-memory pair wired to a simulator.
 */

/**
 * - `connecting`: first attempt in progress.
 * - `open`: bytes can flow.
 * - `disconnected`: the link went away; a transport that reconnects is
 *   retrying in the background.
 * - `closed`: closed by its owner; final.
 */
export type TransportState = 'connecting' | 'open' | 'disconnected' | 'closed';

export interface WriteOptions {
  /**
   * Fail at once, instead of waiting for the link to come back, if it is down
   * when this write's turn comes: for real-time queries (DLE EOT) whose
   * answer would be worthless, and confusing, after a reconnect.
   */
  noWait?: boolean;
}

export interface ByteTransport {
  /**
   * false when the link is one-way (e.g. a printer behind a spooler or a
   * write-only port): no status can come back, so drivers must not wait for it.
   */
  readonly canRead: boolean;
  readonly state: TransportState;
  /**
   * Resolves once the bytes are handed to the link. Writes go out one at a
   * time in call order; while the link is down a write waits for it (up to
   * the transport's writeTimeoutMs) unless `noWait`, then rejects.
   */
  write(bytes: Uint8Array, options?: WriteOptions): Promise<void>;
  /** Returns an unsubscribe function. */
  onData(listener: (bytes: Uint8Array) => void): () => void;
  /** Returns an unsubscribe function. `error` explains a `disconnected` state when known. */
  onState(listener: (state: TransportState, error?: Error) => void): () => void;
  close(): Promise<void>;
}
