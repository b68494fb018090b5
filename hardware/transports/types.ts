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

export interface ByteTransport {
  /**
   * false when the link is one-way (e.g. a printer behind a spooler or a
   * write-only port): no status can come back, so drivers must not wait for it.
   */
  readonly canRead: boolean;
  readonly state: TransportState;
  /** Resolves once the bytes are handed to the link; rejects if it is not open. */
  write(bytes: Uint8Array): Promise<void>;
  /** Returns an unsubscribe function. */
  onData(listener: (bytes: Uint8Array) => void): () => void;
  /** Returns an unsubscribe function. `error` explains a `disconnected` state when known. */
  onState(listener: (state: TransportState, error?: Error) => void): () => void;
  close(): Promise<void>;
}
