import { ROLE_WORDS, type DeviceHealth, type DevicesHealth, type PrinterStateDto } from '../../../core/contract';

/** Staff pages are Chinese-first with English labels. */
export const ROLE_LABEL = ROLE_WORDS;

type Pair = { zh: string; en: string };

/** A device's state, as staff read it (printers report paper and cover; other devices and screens online/offline). */
export const PRINTER_STATE_LABEL: Record<DeviceHealth['state'], Pair> = {
  ready: { zh: '正常', en: 'Ready' },
  online: { zh: '在線', en: 'Online' },
  'paper-near-end': { zh: '紙張將用完', en: 'Paper low' },
  'paper-end': { zh: '缺紙', en: 'Out of paper' },
  'cover-open': { zh: '上蓋開啟', en: 'Cover open' },
  offline: { zh: '離線', en: 'Offline' },
  'cutter-error': { zh: '裁刀錯誤', en: 'Cutter error' },
  unknown: { zh: '狀態不明', en: 'Unknown' },
};

export const LINK_LABEL: Record<DeviceHealth['link'], Pair> = {
  connecting: { zh: '連線中', en: 'Connecting' },
  open: { zh: '已連線', en: 'Connected' },
  disconnected: { zh: '未連線', en: 'Disconnected' },
  closed: { zh: '已關閉', en: 'Closed' },
};

const PRINTER_ALERT: Record<PrinterStateDto, Pair> = {
  ready: { zh: '印表機正常', en: 'Printer ready' },
  'paper-near-end': { zh: '印表機紙張將用完', en: 'Printer paper low' },
  'paper-end': { zh: '印表機缺紙', en: 'Printer out of paper' },
  'cover-open': { zh: '印表機上蓋開啟', en: 'Printer cover open' },
  offline: { zh: '印表機離線', en: 'Printer offline' },
  'cutter-error': { zh: '印表機裁刀錯誤', en: 'Printer cutter error' },
  unknown: { zh: '印表機狀態不明', en: 'Printer status unknown' },
};

/** The one-line alert for a device: a dropped link (cable pulled) says so first. */
export function deviceAlertText(d: Pick<DeviceHealth, 'state' | 'link'> & Partial<Pick<DeviceHealth, 'kind' | 'name'>>): Pair {
  if (d.kind && d.kind !== 'printer') {
    // signs, keypads, displays, scanners and screens: online, offline or unknown
    const name = d.name ?? { zh: '設備', en: 'Device' };
    if (d.link === 'disconnected' || d.link === 'closed' || d.state === 'offline') return { zh: `${name.zh}離線`, en: `${name.en} offline` };
    const state = PRINTER_STATE_LABEL[d.state];
    return { zh: `${name.zh}${state.zh}`, en: `${name.en}: ${state.en}` };
  }
  if (d.link === 'disconnected' || d.link === 'closed') return { zh: '印表機未連線', en: 'Printer disconnected' };
  if (d.link === 'connecting' && d.state === 'unknown') return { zh: '印表機連線中', en: 'Printer connecting' };
  return d.state === 'online' ? PRINTER_ALERT.ready : PRINTER_ALERT[d.state];
}

/** What staff should do about it. */
export function deviceAlertHint(d: Pick<DeviceHealth, 'state' | 'link' | 'alert'> & Partial<Pick<DeviceHealth, 'kind'>>): Pair {
  if (d.kind === 'screen') return { zh: '請檢查該畫面的電視或電腦', en: "Check that screen's TV or computer" };
  if (d.kind && d.kind !== 'printer') return { zh: '請檢查設備', en: 'Please check the device' };
  if (d.alert === 'warning' && d.state === 'paper-near-end') return { zh: '請盡快補充紙捲', en: 'Refill the paper roll soon' };
  if (d.alert === 'error') return { zh: '取號機已暫停取號', en: 'The kiosk has paused issuing' };
  return { zh: '請檢查設備', en: 'Please check the device' };
}

/** Devices that need attention, errors first. */
export function alertingDevices(health: DevicesHealth | undefined): DeviceHealth[] {
  return (health?.devices ?? [])
    .filter((d) => d.alert !== null)
    .sort((a, b) => (a.alert === b.alert ? 0 : a.alert === 'error' ? -1 : 1));
}
