import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { announcementFor } from '../../../core/domain/queue/announce';
import { assetsDir } from '../../../core/config/load';

const counter = { zh: '櫃台', en: 'counter' };

describe('spoken calls', () => {
  it('say the number and the counter in Mandarin, then English', () => {
    const a = announcementFor('A012', 3, counter);
    expect(a.zh).toBe('請 A012 號到 3 號櫃台');
    expect(a.en).toBe('Number A012, please go to counter 3');
    expect(a.clips).toEqual([
      'chime',
      'voice/zh/qing', 'voice/en/letter-a', 'voice/zh/0', 'voice/zh/1', 'voice/zh/2', 'voice/zh/hao', 'voice/zh/dao', 'voice/zh/3', 'voice/zh/hao', 'voice/zh/guitai',
      'voice/en/number', 'voice/en/letter-a', 'voice/en/0', 'voice/en/1', 'voice/en/2', 'voice/en/please-go-to', 'voice/en/counter', 'voice/en/3',
    ]);
  });

  it('read counter numbers as people do: 十二號窗口, window twelve', () => {
    const a = announcementFor('B105', 12, { zh: '窗口', en: 'Window' });
    expect(a.zh).toBe('請 B105 號到 12 號窗口');
    expect(a.en).toBe('Number B105, please go to window 12');
    expect(a.clips.slice(8, 12)).toEqual(['voice/zh/shi', 'voice/zh/2', 'voice/zh/hao', 'voice/zh/chuangkou']);
    expect(announcementFor('C001', 20, counter).clips).toContain('voice/en/20');
    expect(announcementFor('C001', 23, counter).clips.slice(-2)).toEqual(['voice/en/2', 'voice/en/3']);
  });

  it('every clip a call can name is shipped in assets/sounds', () => {
    const names = new Set<string>();
    for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
      for (const c of [1, 9, 10, 11, 19, 20, 21, 99]) {
        for (const word of [counter, { zh: '窗口', en: 'window' }]) {
          for (const clip of announcementFor(`${letter}987`, c, word).clips) names.add(clip);
          for (const clip of announcementFor(`${letter}012`, c, word).clips) names.add(clip);
        }
      }
    }
    const missing = [...names].filter((n) => !existsSync(join(assetsDir(), 'sounds', `${n}.wav`)));
    expect(missing).toEqual([]);
  });
});
