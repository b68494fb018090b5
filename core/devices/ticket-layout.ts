import type { ReceiptDoc } from '../../hardware/printer/types';
import { rocDateTime } from '../store/clock';

export interface TicketFacts {
  agency: { zh: string; en: string };
  serviceName: { zh: string; en: string };
  number: string;
  /** The queue's own count (`Ticket.waitingAhead`: who the ordering rule calls first), printed as given. */
  waitingAhead: number;
  issuedAt: number;
  timeZone: string;
  /** Absent where phones cannot reach the lobby: no QR code rather than a dead link. */
  phoneUrl: string | null;
  footer: { zh: string; en: string };
}

/**
 * One ticket as the printer should lay it out. Kept to text and a native QR:
 * on a 9600-baud serial printer an image would take seconds, text takes a
 * fraction of one.
 */
export function layoutTicket(t: TicketFacts): ReceiptDoc {
  return {
    blocks: [
      { kind: 'text', text: t.agency.zh, align: 'center', bold: true },
      { kind: 'text', text: t.serviceName.zh, align: 'center', width: 2, height: 2 },
      { kind: 'text', text: t.serviceName.en, align: 'center' },
      { kind: 'text', text: t.number, align: 'center', width: 6, height: 6, bold: true },
      { kind: 'text', text: `前面等候 ${t.waitingAhead} 人 / ${t.waitingAhead} waiting ahead`, align: 'center' },
      { kind: 'text', text: rocDateTime(t.issuedAt, t.timeZone), align: 'center' },
      ...(t.phoneUrl ? [{ kind: 'qr', payload: t.phoneUrl, moduleSize: 5, errorLevel: 'M', align: 'center' } as const] : []),
      { kind: 'text', text: t.footer.zh, align: 'center' },
      { kind: 'text', text: t.footer.en, align: 'center' },
      { kind: 'cut', partial: true },
    ],
  };
}
