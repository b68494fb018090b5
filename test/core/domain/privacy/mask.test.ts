import { describe, expect, it } from 'vitest';
import { maskName } from '../../../../core/domain/privacy/mask';

describe('maskName (DOMAIN.md)', () => {
  it.each([
    ['王小明', '王○明'],
    ['王明', '王○'],
    ['歐陽小明', '歐陽○明'],
    ['歐陽明', '歐陽○'],
    ['張簡美玲', '張簡○玲'],
    ['李大仁傑', '李○傑'],
    ['John Smith', 'J. S.'],
    ['mary-jane watson', 'M. J. W.'],
    ['瓦歷斯·諾幹', '瓦○·諾○'],
    ['  陳 小 華 ', '陳○華'],
    ['林', '林○'],
  ])('%s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('never returns the full name of anyone longer than one character', () => {
    for (const name of ['王小明', '歐陽小明', 'Ana Li', '吳', 'Nguyen Van An']) expect(maskName(name)).not.toBe(name);
  });
});
