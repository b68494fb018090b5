import type { ConnectionStatus } from '../client/live';

/** A discreet "reconnecting / 連線中" mark; the screen keeps its last snapshot meanwhile. */
export function ConnectionMark({ status, className = '' }: { status: ConnectionStatus; className?: string }) {
  if (status === 'open' || status === 'idle' || status === 'closed') return null;
  return (
    <div className={`conn-mark ${className}`} role="status" aria-live="polite" data-testid="connection-mark" data-status={status}>
      <span className="conn-mark__dot" aria-hidden="true" />
      <span lang="zh-TW">連線中</span>
      <span lang="en">Reconnecting</span>
    </div>
  );
}
