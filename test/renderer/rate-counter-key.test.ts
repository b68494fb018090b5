/** /rate/<counter>: the counter's number as staff say it (1, 01, 一, １, 1號櫃台, Counter 1) or its id names it. */
import { describe, expect, it } from 'vitest';
import { chineseNumeral, counterByKey, counterKeyFromPath } from '../../renderer/apps/rate/counter-key';

const counters = [
  { id: 'c1', number: 1, name: { zh: '1 號櫃台', en: 'Counter 1' } },
  { id: 'c2', number: 2, name: { zh: '2 號櫃台', en: 'Counter 2' } },
  { id: 'c12', number: 12, name: { zh: '12 號窗口', en: 'Window 12' } },
];
const idOf = (key: string) => counterByKey(counters, key)?.id ?? null;

describe('the counter an address names', () => {
  it('takes the key after /rate/, decoded', () => {
    expect(counterKeyFromPath('/rate/1')).toBe('1');
    expect(counterKeyFromPath('/rate/%E4%B8%80/')).toBe('一');
    expect(counterKeyFromPath('/rate')).toBeNull();
    expect(counterKeyFromPath('/rate/%E4%B8')).toBeNull();
    expect(counterKeyFromPath('/kiosk/1')).toBeNull();
  });

  it('reads Chinese numerals', () => {
    expect(chineseNumeral('一')).toBe(1);
    expect(chineseNumeral('十二')).toBe(12);
    expect(chineseNumeral('二十')).toBe(20);
    expect(chineseNumeral('一二')).toBe(12);
    expect(chineseNumeral('一百零五')).toBe(105);
    expect(chineseNumeral('壹')).toBe(1);
    expect(chineseNumeral('c1')).toBeNull();
  });

  it('finds counter 1 by 1, 01, 一, １, 第一, 1號, 一號櫃台, c1, C1, its names', () => {
    for (const key of ['1', '01', '001', '一', '１', '第一', '1號', '一號櫃台', '1號櫃台', 'c1', 'C1', '1 號櫃台', 'Counter 1', 'counter-1', 'counter1', 'no.1']) {
      expect(idOf(key), key).toBe('c1');
    }
    expect(idOf('十二')).toBe('c12');
    expect(idOf('window-12')).toBe('c12');
    expect(idOf('12號窗口')).toBe('c12');
  });

  it('names nothing it cannot find', () => {
    for (const key of ['9', '九', 'c9', 'x', '1a', '', '-1', '1.5']) expect(idOf(key), key).toBeNull();
    expect(counterByKey(counters, null)).toBeNull();
  });
});
