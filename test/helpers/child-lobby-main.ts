/**
 * A lobby in its own process, for tests and benches that must measure or freeze the server
 * alone (its memory; SIGSTOP/SIGCONT). Options come as JSON in LOBBY_CHILD_OPTIONS; once
 * listening it prints one JSON line: { url, kioskToken, setupCode }. Asked 'memory' over IPC, it
 * answers with process.memoryUsage() after a garbage collection.
 */
import { createLobby, type LobbyOptions } from '../../core/lobby';

const options = JSON.parse(process.env.LOBBY_CHILD_OPTIONS ?? '{}') as Partial<LobbyOptions> & { dataDir: string };
let setupCode = '';
const lobby = createLobby({
  port: 0,
  ...options,
  onSetupCode: (code) => {
    setupCode = code;
  },
});
await lobby.start();
const kioskToken = lobby.issueKioskCredential('child kiosk');
process.stdout.write(`${JSON.stringify({ url: lobby.url, kioskToken, setupCode })}\n`);

const stop = async (): Promise<void> => {
  await lobby.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
// The parent asks for this process's memory, after a full collection when it can.
process.on('message', (m: unknown) => {
  if (m !== 'memory') return;
  (globalThis as { gc?: () => void }).gc?.();
  process.send?.({ memory: process.memoryUsage() });
});
process.on('SIGINT', () => void stop());
