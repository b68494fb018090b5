/**
 * A real pty pair from socat, as a serial cable for tests. `hostPath` is the
 * kiosk's end, `printerPath` the printer's. Unplug = kill socat (both ptys
 * hang up and the links vanish); replug = start it again with the same link
 * names.
 *
 * The printer's side is opened first and given `wait-slave`: socat creates
 * the host's pty only once something has opened the printer's. serialport
 * flushes a port's input when it opens it (tcflush in bindings-cpp), so a
 * ticket the host sent before the simulated printer had its end open would
 * be thrown away; a real printer is always listening when a cable goes in.
 * pty-interval makes socat look for that open every 20 ms instead of every second.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from './wait';

export function socatMissingReason(): string | undefined {
  const r = spawnSync('socat', ['-V'], { stdio: 'ignore' });
  return r.error || r.status !== 0 ? `socat is not installed (${r.error?.message ?? `exit ${r.status}`})` : undefined;
}

/** Every socat started by any SocatCable, so a failed test cannot leave one running. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const p of running) p.kill('SIGKILL');
});

export class SocatCable {
  readonly dir = mkdtempSync(join(tmpdir(), 'lobby-pty-'));
  readonly hostPath = join(this.dir, 'host');
  readonly printerPath = join(this.dir, 'printer');
  private proc: ChildProcess | undefined;
  log = '';

  get plugged(): boolean {
    return this.proc !== undefined;
  }

  /** Starts socat; resolves once the printer's end exists (the host's follows once it is opened). */
  async plug(): Promise<void> {
    if (this.proc) return;
    const proc = spawn('socat', ['-d', '-d', `pty,raw,echo=0,wait-slave,pty-interval=0.02,link=${this.printerPath}`, `pty,raw,echo=0,link=${this.hostPath}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    proc.stderr?.on('data', (d: Buffer) => (this.log += d.toString()));
    running.add(proc);
    proc.once('exit', () => running.delete(proc));
    this.proc = proc;
    await until(() => existsSync(this.printerPath) || proc.exitCode !== null, 5000, 'socat printer pty');
    if (proc.exitCode !== null) throw new Error(`socat exited at once:\n${this.log}`);
  }

  /** Kills socat and waits until it is gone and its links removed. */
  async unplug(): Promise<void> {
    const proc = this.proc;
    this.proc = undefined;
    if (!proc) return;
    if (proc.exitCode === null && proc.signalCode === null) {
      await new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      });
    }
    await until(() => !existsSync(this.hostPath) && !existsSync(this.printerPath), 2000, 'socat links removed');
  }

  async dispose(): Promise<void> {
    await this.unplug();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
