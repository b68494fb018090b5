import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { LobbyOptions } from '../../core/lobby';
import { tempDir } from './tmp';

export type ChildLobby = Awaited<ReturnType<typeof startChildLobby>>;

/**
 * A real lobby in a child process (test/helpers/child-lobby-main.ts), so a test can read
 * the server's own memory and freeze it (SIGSTOP) as a hung machine would be.
 */
export async function startChildLobby(options: Partial<Omit<LobbyOptions, 'dataDir'>> = {}, { timeoutMs = 60_000 } = {}) {
  const tmp = tempDir('lobby-child-');
  const child: ChildProcess = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(import.meta.dirname, 'child-lobby-main.ts')], {
    cwd: join(import.meta.dirname, '..', '..'),
    env: { ...process.env, LOBBY_CHILD_OPTIONS: JSON.stringify({ ...options, dataDir: tmp.dir }) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-4000)));
  const ready = await new Promise<{ url: string; kioskToken: string; setupCode: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child lobby did not start in ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      clearTimeout(timer);
      resolve(JSON.parse(line) as { url: string; kioskToken: string; setupCode: string });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child lobby exited (${code}): ${stderr}`));
    });
  });
  const pid = child.pid!;
  let frozen = false;
  return {
    ...ready,
    pid,
    dataDir: tmp.dir,
    /** The server's memory (process.memoryUsage() in the child, after a full garbage collection). */
    memory(): Promise<NodeJS.MemoryUsage> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('child lobby did not report its memory')), 10_000);
        child.once('message', (m: { memory: NodeJS.MemoryUsage }) => {
          clearTimeout(timer);
          resolve(m.memory);
        });
        child.send('memory');
      });
    },
    /** SIGSTOP: the process holds its sockets open and answers nothing, as a hung server does. */
    freeze(): void {
      frozen = true;
      process.kill(pid, 'SIGSTOP');
    },
    thaw(): void {
      frozen = false;
      process.kill(pid, 'SIGCONT');
    },
    async stop(): Promise<void> {
      if (child.exitCode === null) {
        if (frozen) process.kill(pid, 'SIGCONT');
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      tmp.cleanup();
    },
  };
}
