/** A day of 300 hearings in 20 rooms: import time, and a clerk's tap reaching 50 room boards. */
import { performance } from 'node:perf_hooks';
import { httpClient, sampleSiteWith, startTestLobby } from '../helpers/lobby';
import { tempDir } from '../helpers/tmp';
import { connectScreens, measureFanOut } from './live-latency';
import { summary } from './stats';

const ROOMS = 20;
const HEARINGS = 300;

export async function benchCourt(line: (label: string, s: { n: number; median: number; p99: number }, target?: number) => void): Promise<void> {
  console.log(`\ncourt screens: ${HEARINGS} hearings in ${ROOMS} rooms`);
  const tmp = tempDir('lobby-bench-site-');
  const courtrooms = Array.from({ length: ROOMS }, (_, i) => ({ id: `r${i + 1}`, name: { zh: `第${i + 1}偵查庭`, en: `Court ${i + 1}` }, floor: 2 + (i % 3) }));
  const sitePath = sampleSiteWith(tmp.dir, { courtrooms });
  const t = await startTestLobby({ sitePath });
  try {
    const clerk = httpClient(t.url, { kiosk: t.kioskToken });
    await clerk.post('/api/staff/setup', { setupCode: t.setupCode, username: 'clerk', displayName: 'Clerk', password: 'bench-password' });
    await clerk.refreshCsrf();
    const today = (await clerk.get<{ time: string }>('/api/health')).body.time.slice(0, 10);
    const rows = ['date,time,courtroom,case_number,division,prosecutor,persons'];
    for (let i = 0; i < HEARINGS; i++) {
      const minutes = 8 * 60 + 30 + Math.floor(i / ROOMS) * 20;
      const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      rows.push(`${today},${time},r${(i % ROOMS) + 1},113年度偵字第${1000 + i}號,信,林檢察官,王小明(被告):C${String(i).padStart(5, '0')};李四(證人)`);
    }
    const file = Buffer.from(rows.join('\n')).toString('base64');
    const imports: number[] = [];
    for (let k = 0; k < 10; k++) {
      const t0 = performance.now();
      const res = await clerk.post<{ imported: number; updated: number }>('/api/staff/hearings/import', { format: 'csv', contentBase64: file });
      imports.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`import failed: ${JSON.stringify(res.body)}`);
    }
    line(`import ${HEARINGS}-row CSV (upload → committed)`, summary(imports));
    const list = await clerk.get<{ hearings: { id: number }[] }>('/api/staff/hearings');
    const ids = list.body.hearings.map((h) => h.id);
    const screens = await connectScreens(t.url, 'hearings.board', 50);
    try {
      // Each round a clerk checks one hearing in: the next upcoming hearing of some room.
      const latencies = await measureFanOut(screens, 100, async (k) => {
        const res = await clerk.post(`/api/staff/hearings/${ids[k]}/state`, { to: 'checked_in' });
        if (res.status !== 200) throw new Error(`tap failed: ${JSON.stringify(res.body)}`);
      });
      line('clerk tap → 50 hearing boards', summary(latencies), 50);
    } finally {
      screens.close();
    }
  } finally {
    await t.stop();
    tmp.cleanup();
  }
}
