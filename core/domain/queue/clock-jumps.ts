import type { DevicesHealth } from '../../contract';
import { localHhmm, type ClockJump } from '../../store/clock';

export type ClockNotice = DevicesHealth['notices'][number] & { code: 'clock-jump' };

/** A back step under a minute moves no ticket to another day or place worth a warning. */
const NOTABLE_BACK_MS = 60_000;

export function isNotableJump(jump: ClockJump): boolean {
  return jump.ms <= -NOTABLE_BACK_MS || jump.ms > 0;
}

function span(ms: number): { zh: string; en: string } {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const zh = `${h > 0 ? `${h} 小時` : ''}${h > 0 && m > 0 ? ' ' : ''}${m > 0 || h === 0 ? `${m} 分鐘` : ''}`;
  const en = [h > 0 ? `${h} hour${h === 1 ? '' : 's'}` : '', m > 0 || h === 0 ? `${m} minute${m === 1 ? '' : 's'}` : ''].filter(Boolean).join(' ');
  return { zh, en };
}

/**
 * One notice for the day's jumps, naming the latest: what the clock should
 * have read and what it read, so staff can tell time sync from a mistake.
 */
export function clockJumpNotice(jumps: readonly ClockJump[], timeZone: string): ClockNotice {
  const last = jumps.at(-1)!;
  const s = span(last.ms);
  const from = localHhmm(last.expected, timeZone);
  const to = localHhmm(last.actual, timeZone);
  const more = jumps.length > 1 ? { zh: `（今日第 ${jumps.length} 次）`, en: ` (${jumps.length} times today)` } : { zh: '', en: '' };
  const text =
    last.ms < 0
      ? {
          zh: `電腦時鐘倒退 ${s.zh}（${from} → ${to}）${more.zh}：已發的號碼保留原日期與順序，號碼不重複。請確認電腦時間。`,
          en: `The computer clock went back ${s.en} (${from} → ${to})${more.en}: issued tickets keep their day and order, and no number repeats. Please check the computer's time.`,
        }
      : {
          zh: `電腦時鐘快轉 ${s.zh}（${from} → ${to}）${more.zh}：候位名單保留到實際的午夜才清除。請確認電腦時間（電腦休眠後醒來也會如此）。`,
          en: `The computer clock jumped ahead ${s.en} (${from} → ${to})${more.en}: the waiting line is kept until the real midnight. Please check the computer's time (waking from sleep looks the same).`,
        };
  return { code: 'clock-jump', text };
}
