import { describe, expect, it } from 'vitest';
import { loadSite, queueSite } from '../../../core/config/load';
import { createPrintQueue } from '../../../core/devices/print-queue';
import { createEventBus } from '../../../core/domain/events';
import { createPrintJobs } from '../../../core/domain/printing/print-jobs';
import { createQueue } from '../../../core/domain/queue/queue';
import { listAudit } from '../../../core/domain/audit';
import { manualClock } from '../../../core/store/clock';
import { openDb } from '../../../core/store/db';
import type { PrintResult, PrinterStatus, ReceiptDoc, TicketPrinter } from '../../../hardware/printer/types';

const site = loadSite({ siteId: 'taitung-prosecutors' });

/** A printer whose next answers a test scripts: 'ok', 'fail' (rejects at once) or 'hang' (never answers). */
function scriptedPrinter(script: ('ok' | 'fail' | 'hang')[]) {
  const printed: ReceiptDoc[] = [];
  let calls = 0;
  let active = 0;
  let maxActive = 0;
  const printer: TicketPrinter = {
    id: 'scripted',
    async print(doc): Promise<PrintResult> {
      calls++;
      active++;
      maxActive = Math.max(maxActive, active);
      const step = script.shift() ?? 'ok';
      try {
        if (step === 'hang') await new Promise(() => undefined);
        await new Promise((r) => setTimeout(r, 5));
        if (step === 'fail') throw new Error('link down');
        printed.push(doc);
        return { bytes: 300 };
      } finally {
        active--;
      }
    },
    status: async (): Promise<PrinterStatus> => ({ state: 'ready', statusReadable: true, link: 'open' }),
    onStatus: () => () => undefined,
    close: async () => undefined,
  };
  return { printer, printed, calls: () => calls, maxActive: () => maxActive };
}

function setup(script: ('ok' | 'fail' | 'hang')[], options = { timeoutMs: 200, retries: 2, retryDelayMs: 1 }) {
  const db = openDb(':memory:');
  const clock = manualClock('2026-11-26T02:00:00Z');
  const bus = createEventBus();
  const queue = createQueue({ db, site: queueSite(site), clock, bus });
  const jobs = createPrintJobs({ db, clock, bus, timeZone: site.timeZone });
  const fake = scriptedPrinter(script);
  const logs: string[] = [];
  const pq = createPrintQueue({ jobs, queue, site, printer: fake.printer, phoneUrl: (t) => `http://lobby/phone/t/${t}`, log: (m) => logs.push(m), options });
  bus.on('ticket.issued', ({ ticketId }) => pq.printIssued(ticketId));
  return { db, queue, jobs, pq, fake, logs };
}

const texts = (doc: ReceiptDoc) => doc.blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));

describe('print queue', () => {
  it('prints each issued ticket once, with the ticket layout the site asks for', async () => {
    const { queue, pq, fake } = setup([]);
    const t = queue.issue('consult');
    expect(await pq.outcome(t.id, 1000)).toBe('printed');
    expect(fake.printed).toHaveLength(1);
    const doc = fake.printed[0]!;
    expect(texts(doc)).toEqual(expect.arrayContaining(['臺灣臺東地方檢察署', '為民服務中心諮詢', 'Public Service Center Enquiries', 'A001']));
    expect(texts(doc).some((s) => /^民國115年11月26日 10:00$/.test(s))).toBe(true);
    expect(doc.blocks.find((b) => b.kind === 'qr')).toMatchObject({ payload: `http://lobby/phone/t/${t.token}` });
    expect(doc.blocks.at(-1)).toMatchObject({ kind: 'cut' });
  });

  it('retries a print that failed before its bytes went out, and prints it once', async () => {
    const { queue, pq, fake, jobs } = setup(['fail', 'fail', 'ok']);
    const t = queue.issue('consult');
    expect(await pq.outcome(t.id, 2000)).toBe('printed');
    expect(fake.calls()).toBe(3);
    expect(fake.printed).toHaveLength(1);
    expect(jobs.get(1)).toMatchObject({ status: 'printed', attempts: 3, error: null });
  });

  it('gives up after the retries: the ticket stays valid, the job is failed and listed for staff', async () => {
    const { queue, pq, jobs, logs } = setup(['fail', 'fail', 'fail']);
    const t = queue.issue('consult');
    expect(await pq.outcome(t.id, 2000)).toBe('failed');
    expect(queue.ticketById(t.id)?.status).toBe('waiting');
    expect(jobs.failedToday()).toEqual([expect.objectContaining({ ticketNumber: 'A001', status: 'failed', error: 'link down', attempts: 3 })]);
    expect(logs.join('\n')).toMatch(/A001 did not print: link down/);
  });

  it('does not retry a print that timed out: its bytes may still come out', async () => {
    const { queue, pq, fake, jobs } = setup(['hang']);
    const t = queue.issue('consult');
    expect(await pq.outcome(t.id, 2000)).toBe('failed');
    expect(fake.calls()).toBe(1);
    expect(jobs.get(1)?.error).toMatch(/did not finish within 0.2 s/);
  });

  it('a staff reprint prints the same number again, is audited, and clears the failed list', async () => {
    const { db, queue, pq, jobs, fake } = setup(['fail', 'fail', 'fail', 'ok']);
    const t = queue.issue('consult');
    await pq.outcome(t.id, 2000);
    expect(jobs.failedToday()).toHaveLength(1);
    const staffId = Number(
      db.prepare("INSERT INTO users (username, display_name, password_hash, roles, created_at) VALUES ('lin', '林', 'x', '[\"counter\"]', 0)").run().lastInsertRowid,
    );
    const jobId = jobs.createReprint(t.id, t.number, staffId);
    expect(await pq.submit(jobId, t.id)).toBe('printed');
    expect(texts(fake.printed[0]!)).toContain('A001');
    expect(jobs.get(jobId)).toMatchObject({ kind: 'reprint', status: 'printed' });
    expect(jobs.failedToday()).toEqual([]);
    expect(listAudit(db)[0]).toMatchObject({ action: 'ticket.reprint', target: 'ticket:A001' });
  });

  it('runs one job at a time, in the order the tickets were issued', async () => {
    const { queue, pq, fake } = setup([]);
    const ids = [queue.issue('consult'), queue.issue('bail'), queue.issue('consult')].map((t) => t.id);
    await Promise.all(ids.map((id) => pq.outcome(id, 2000)));
    expect(fake.maxActive()).toBe(1);
    expect(fake.printed.map((d) => texts(d)[3])).toEqual(['A001', 'C001', 'A002']);
  });

  it('after a crash, jobs left pending or printing are failed for staff, never printed again by themselves', () => {
    const { db, queue, jobs } = setup([]);
    const t = queue.issue('consult');
    db.prepare("UPDATE print_jobs SET status = 'printing' WHERE ticket_id = ?").run(t.id);
    expect(jobs.failInterrupted()).toBe(1);
    expect(jobs.failedToday()[0]).toMatchObject({ ticketNumber: 'A001', error: expect.stringMatching(/interrupted/) });
  });
});
