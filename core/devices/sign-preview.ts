/**
 * What each configured LED sign would show for a draft message, for the staff
 * preview: the text the server would send (signMessagesFor), through the
 * sign's own encoder (hardware/sign signTextShown). The screens keep no copy
 * of any sign's character rules; they ask for this. Whether the draft alone
 * fits is the driver's own capacity check (hardware/sign signsFit).
 */
import type { SignPreview, SignPreviewQuery } from '../contract';
import { signsFit, signTextShown } from '../../hardware/sign';
import type { SignConfig } from '../config/schema';
import { onbonCard, signMessagesFor } from './signs';

export function previewSigns(configs: readonly SignConfig[], draft: SignPreviewQuery): SignPreview[] {
  const message = { zh: draft.zh ?? '', en: draft.en ?? '' };
  return configs.map((config) => {
    const sent = signMessagesFor(config.protocol, [message], null);
    const card = onbonCard(config);
    const shown = signTextShown(config.protocol, sent[0]?.text ?? '', card);
    return {
      id: config.id,
      protocol: config.protocol,
      text: shown.text,
      runs: shown.runs,
      replaced: shown.warnings.flatMap((w) => (w.code === 'replaced-char' && w.char !== undefined && w.replacement !== undefined ? [{ char: w.char, replacement: w.replacement }] : [])),
      tooLong: signsFit(config.protocol, sent, card).cutFrom !== null,
    };
  });
}
