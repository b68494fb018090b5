import type { Announcement, Bilingual } from '../../contract';

/**
 * The spoken call, in the order it is played: the chime, then Mandarin
 * ("請 A012 號到 3 號櫃台"), then English ("Number A012, please go to
 * counter 3"). Clips name files under /sounds/ (see scripts/make-voice-clips.sh);
 * boards with a zh-TW platform voice speak the texts instead.
 */
export function announcementFor(number: string, counterNumber: number, counterWord: Bilingual): Announcement {
  const letter = number.slice(0, 1);
  const digits = number.slice(1).split('');
  const enWord = counterWord.en.toLowerCase();
  return {
    zh: `請 ${number} 號到 ${counterNumber} 號${counterWord.zh}`,
    en: `Number ${number}, please go to ${enWord} ${counterNumber}`,
    clips: [
      'chime',
      'voice/zh/qing',
      `voice/en/letter-${letter.toLowerCase()}`,
      ...digits.map((d) => `voice/zh/${d}`),
      'voice/zh/hao',
      'voice/zh/dao',
      ...zhCardinal(counterNumber).map((c) => `voice/zh/${c}`),
      'voice/zh/hao',
      `voice/zh/${counterWord.zh === '窗口' ? 'chuangkou' : 'guitai'}`,
      'voice/en/number',
      `voice/en/letter-${letter.toLowerCase()}`,
      ...digits.map((d) => `voice/en/${d}`),
      'voice/en/please-go-to',
      `voice/en/${enWord === 'window' ? 'window' : 'counter'}`,
      ...enCardinal(counterNumber).map((c) => `voice/en/${c}`),
    ],
  };
}

/** 3 → 三, 10 → 十, 12 → 十二, 20 → 二十, 23 → 二十三; above 99, digit by digit. */
function zhCardinal(n: number): string[] {
  if (n < 10) return [String(n)];
  if (n < 100) {
    const tens = Math.floor(n / 10);
    const ones = n % 10;
    return [...(tens > 1 ? [String(tens)] : []), 'shi', ...(ones ? [String(ones)] : [])];
  }
  return String(n).split('');
}

/** Words up to twenty; above, digit by digit ("two one"), as halls do. */
function enCardinal(n: number): string[] {
  return n <= 20 ? [String(n)] : String(n).split('');
}
