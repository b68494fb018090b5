import type { PublicSite } from '../../core/contract';

export function Agency({ site, className = 'agency' }: { site: PublicSite | null; className?: string }) {
  if (!site) return <h1 className={className} aria-busy="true" />;
  return (
    <h1 className={className} data-testid="agency">
      <span className={`${className}__zh`} lang="zh-TW">
        {site.agency.zh}
      </span>
      <span className={`${className}__en`} lang="en">
        {site.agency.en}
      </span>
    </h1>
  );
}
