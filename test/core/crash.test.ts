import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sampleSiteWith } from '../helpers/lobby';
import { tempDir } from '../helpers/tmp';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

/** Starts serve and provisions this test as a kiosk the way an installer would: by opening the printed link. */
async function startServe(dataDir: string): Promise<{ child: ChildProcess; url: string; kiosk: Record<string, string> }> {
  const { child, url, link } = await spawnServe(dataDir);
  const res = await fetch(link, { redirect: 'manual' });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  if (!cookie.startsWith('lobby_kiosk=')) throw new Error(`provisioning failed: ${res.status}`);
  return { child, url, kiosk: { cookie } };
}

function spawnServe(dataDir: string): Promise<{ child: ChildProcess; url: string; link: string }> {
  const child = spawn(TSX, ['core/serve.ts', '--port', '0', '--data', dataDir, '--site', sampleSiteWith(dataDir, { kiosk: { ticketsPerMinute: 1000 } })], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 20_000);
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /kiosk\s+(http:\/\/[^/\s]+)\/kiosk/.exec(out);
      const link = /(http:\/\/\S+\/kiosk\/provision\?code=\S+)/.exec(out);
      if (m && link) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, link: link[1]! });
      }
    });
    child.stderr!.on('data', (d) => (out += String(d)));
  });
}

describe('a power cut in the middle of issuing', () => {
  it('SIGKILL during a burst: after a restart no number is doubled, no answered ticket is lost, the database is sound', async () => {
    const tmp = tempDir();
    try {
      const first = await startServe(tmp.dir);
      const answered: string[] = [];
      let killed = false;
      const issue = async () => {
        try {
          const res = await fetch(`${first.url}/api/tickets`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...first.kiosk },
            body: JSON.stringify({ serviceId: 'consult' }),
          });
          if (res.status === 201) answered.push(((await res.json()) as { number: string }).number);
        } catch {
          // The connection died with the process: this ticket was never answered.
        }
      };
      const workers = Array.from({ length: 8 }, async () => {
        while (!killed) await issue();
      });
      while (answered.length < 60) await new Promise((r) => setTimeout(r, 5));
      const firstExit = new Promise((r) => first.child.once('exit', r));
      first.child.kill('SIGKILL');
      killed = true;
      await Promise.all(workers);
      await firstExit;

      const second = await startServe(tmp.dir);
      const after = await fetch(`${second.url}/api/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...second.kiosk },
        body: JSON.stringify({ serviceId: 'consult' }),
      });
      expect(after.status).toBe(201);
      const next = ((await after.json()) as { number: string }).number;
      const secondExit = new Promise((r) => second.child.once('exit', r));
      second.child.kill('SIGTERM');
      await secondExit;

      const db = new Database(join(tmp.dir, 'lobby.sqlite'), { readonly: true });
      const numbers = (db.prepare("SELECT number FROM tickets WHERE issued_service_id = 'consult'").all() as { number: string }[]).map((r) => r.number);
      const integrity = db.pragma('integrity_check', { simple: true });
      db.close();
      expect(integrity).toBe('ok');
      expect(new Set(numbers).size).toBe(numbers.length);
      for (const n of answered) expect(numbers).toContain(n);
      // The sequence went on after the restart, past everything that was committed.
      expect(next).toBe(`A${String(numbers.length).padStart(3, '0')}`);
    } finally {
      tmp.cleanup();
    }
  }, 60_000);
});
