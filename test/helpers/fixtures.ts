import type { IssuedTicket, MarqueeMessage } from '../../core/contract';

/** A ticket as the kiosk's issue call answers it: A001 for 諮詢 Enquiries, printed; `over` changes any field. */
export function issuedTicket(over: Partial<IssuedTicket> = {}): IssuedTicket {
  return {
    number: 'A001',
    serviceId: 'consult',
    serviceName: { zh: '諮詢', en: 'Enquiries' },
    waitingAhead: 0,
    priority: false,
    estimatedWaitMinutes: null,
    issuedAt: '2026-11-26T10:00:00+08:00',
    phoneUrl: '',
    print: 'printed',
    ...over,
  };
}

/** A stored marquee message: #7 公告 Notice, news, on /calls at any time; `over` changes any field. */
export function marqueeMessage(over: Partial<MarqueeMessage> = {}): MarqueeMessage {
  return {
    id: 7,
    zh: '公告',
    en: 'Notice',
    category: 'news',
    priority: 3,
    startsAt: null,
    endsAt: null,
    days: [],
    hoursFrom: null,
    hoursTo: null,
    targets: ['screen:calls'],
    active: true,
    updatedAt: '2026-11-26T09:00:00+08:00',
    updatedBy: 'desk1',
    ...over,
  };
}
