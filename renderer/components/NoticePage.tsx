import type { ReactNode } from 'react';
import type { PublicSite } from '../../core/contract';
import { Agency } from './Agency';
import { Clock } from './Clock';

/** A full-screen bilingual notice in the house style (not yet available, loading, offline). */
export function NoticePage(props: {
  site: PublicSite | null;
  titleZh: string;
  titleEn: string;
  subtitle?: { zh: string; en: string };
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="notice-page" data-testid={props.testId}>
      <header className="notice-page__head">
        <Agency site={props.site} />
        <Clock timeZone={props.site?.timeZone} />
      </header>
      <main className="notice-page__body">
        {props.subtitle && (
          <p className="notice-page__text">
            <span lang="zh-TW">{props.subtitle.zh}</span>
            {' · '}
            <span lang="en">{props.subtitle.en}</span>
          </p>
        )}
        <h2 className="notice-page__title-zh" lang="zh-TW">
          {props.titleZh}
        </h2>
        <p className="notice-page__title-en" lang="en">
          {props.titleEn}
        </p>
        {props.children}
      </main>
    </div>
  );
}
