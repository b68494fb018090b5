/**
 * Personal names on public surfaces (screens, tickets, phone pages and the
 * snapshots that feed them) are masked here, in the server, before they leave
 * it (DOMAIN.md, from 個人資料保護法 and 偵查不公開):
 *   王小明 → 王○明, 王明 → 王○, 歐陽小明 → 歐陽○明, 歐陽明 → 歐陽○,
 *   John Smith → J. S., 瓦歷斯·諾幹 → 瓦○·諾○.
 */

const MASK = '○';

/** Two-character surnames in use in Taiwan; the rest are one character. */
const COMPOUND_SURNAMES = new Set([
  '歐陽', '司馬', '諸葛', '上官', '東方', '皇甫', '尉遲', '公孫', '令狐', '長孫', '慕容', '宇文', '司徒', '夏侯', '軒轅', '端木',
  '張簡', '范姜', '澹臺', '南宮', '西門', '鍾離', '呼延', '萬俟', '聞人', '赫連', '單于', '太史', '申屠', '左丘', '東郭', '百里',
  '張廖', '陳黃', '江謝', '劉張', '周黃', '徐辜', '張李', '李林',
]);

const HAN = /\p{Script=Han}/u;

export function maskName(raw: string): string {
  const name = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (!name) return '';
  // Indigenous names written with a middle dot: mask each part after its first character.
  if (/[·‧・．.]/.test(name) && HAN.test(name)) {
    return name
      .split(/[·‧・．.]/)
      .filter(Boolean)
      .map((part) => `${[...part][0]}${MASK}`)
      .join('·');
  }
  if (HAN.test(name)) {
    const chars = [...name.replace(/\s/g, '')];
    const surnameLength = chars.length >= 3 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
    return maskHanGiven(chars.join(''), surnameLength);
  }
  // Latin (and other alphabetic) names: initials only.
  return name
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((part) => `${[...part][0]!.toUpperCase()}.`)
    .join(' ');
}

/** Keeps the surname and the last character; every character between becomes one mask. */
function maskHanGiven(name: string, surnameLength: number): string {
  const chars = [...name];
  if (chars.length <= surnameLength) return chars.slice(0, 1).join('') + MASK;
  const surname = chars.slice(0, surnameLength).join('');
  const given = chars.slice(surnameLength);
  if (given.length === 1) return `${surname}${MASK}`;
  return `${surname}${MASK}${given[given.length - 1]}`;
}
