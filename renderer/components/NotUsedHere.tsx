/**
 * A screen opened at a site that does not use it (the hearing boards at a prison):
 * says so plainly in both languages instead of an empty board waiting forever.
 */
import type { PublicSite } from '../../core/contract';
import { both, type StringKey } from '../i18n';
import { NoticePage } from './NoticePage';
import '../styles/notice.css';

export function NotUsedHere({ site, screen }: { site: PublicSite | null; screen: StringKey }) {
  const title = both('site.notUsedTitle');
  const text = both('site.notUsedText');
  return (
    <NoticePage site={site} titleZh={title.zh} titleEn={title.en} subtitle={both(screen)} testId="not-used-here">
      <p className="notice-page__text notice-page__text--body" lang="zh-TW">
        {text.zh}
      </p>
      <p className="notice-page__text notice-page__text--body" lang="en">
        {text.en}
      </p>
    </NoticePage>
  );
}
