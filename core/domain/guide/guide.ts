/**
 * The self-service guide's content: the site's guide.json (validated at
 * start; a bad file stops the lobby with the field named), with staff's
 * per-section overrides from SQLite laid over it. Every override is
 * audited with the section before and after.
 */
import { readFileSync } from 'node:fs';
import {
  GUIDE_SECTION_SCHEMAS,
  GUIDE_SECTIONS,
  guideContentSchema,
  type GuideContent,
  type GuideResponse,
  type StaffGuideResponse,
  type GuideSection,
} from '../../contract';
import type { Db } from '../../store/db';
import { inTransaction } from '../../store/db';
import type { Clock } from '../../store/clock';
import { writeAudit } from '../audit';
import { DomainError } from '../errors';
import { columnChecks } from '../row-check';
import { allRoutes } from './route';
import { searchFaq, type FaqHit } from './search';

/** The first problem of a zod result, as `path.to.field: message`. */
function firstIssue(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const i = issues[0];
  if (!i) return 'invalid';
  return `${i.path.length ? `${i.path.map(String).join('.')}: ` : ''}${i.message}`;
}

/** Reads and validates a guide file; throws an Error naming the file and the field. */
export function loadGuideFile(file: string): GuideContent {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`guide file ${file} cannot be read: ${(err as Error).message}`);
  }
  const r = guideContentSchema.safeParse(raw);
  if (!r.success) throw new Error(`guide file ${file} is invalid: ${firstIssue(r.error.issues)}`);
  return r.data;
}

export interface Guide {
  /** The content as citizens see it: the file with staff overrides merged. */
  content(): GuideContent;
  /** Content with the ways to every office, for GET /api/guide: which sections were edited and when, never by whom. */
  view(): GuideResponse;
  /** view() with the account that last edited each section, for the staff guide editor. */
  staffView(): StaffGuideResponse;
  search(q: string): FaqHit[];
  /** Replaces a section (validated against the whole content), or resets it to the file's; answers staffView(). */
  setSection(actorUserId: number, section: GuideSection, change: { value: unknown } | { reset: true }): StaffGuideResponse;
}

interface OverrideRow {
  section: GuideSection;
  content: string;
  updatedAt: number;
  username: string | null;
}

const OVERRIDE = columnChecks('guide_overrides row');
const sectionOf = (text: string): GuideSection | undefined => GUIDE_SECTIONS.find((s) => s === text);

/** An override row; null for a section this version has no more (left in place, and left out). */
function overrideOf(row: unknown): OverrideRow | null {
  const r = OVERRIDE.row(row);
  const section = sectionOf(OVERRIDE.text(r.section, 'section'));
  if (!section) return null;
  return {
    section,
    content: OVERRIDE.text(r.content, 'content'),
    updatedAt: OVERRIDE.time(r.updated_at, 'updated_at'),
    username: OVERRIDE.textOrNull(r.username, 'username'),
  };
}

export function createGuide(deps: { db: Db; clock: Clock; base: GuideContent }): Guide {
  const { db, clock, base } = deps;
  let cached: { view: GuideResponse; staffView: StaffGuideResponse } | null = null;

  const rows = (): OverrideRow[] =>
    db
      .prepare(
        `SELECT g.section, g.content, g.updated_at, u.username FROM guide_overrides g LEFT JOIN users u ON u.id = g.updated_by ORDER BY g.section`,
      )
      .all()
      .map(overrideOf)
      .filter((r) => r !== null);

  function merge(over: OverrideRow[]): GuideContent {
    const merged: Record<string, unknown> = { ...base };
    for (const r of over) merged[r.section] = JSON.parse(r.content);
    const parsed = guideContentSchema.safeParse(merged);
    // An override that no longer fits (the file changed under it) is ignored rather than breaking the kiosk.
    return parsed.success ? parsed.data : base;
  }

  function views(): { view: GuideResponse; staffView: StaffGuideResponse } {
    if (cached) return cached;
    const over = rows();
    const content = merge(over);
    // `routes` may use the stairs; `stepFreeRoutes` (the guide's default) never do.
    const shared = { content, routes: allRoutes(content.offices, { stairs: true }), stepFreeRoutes: allRoutes(content.offices) };
    const at = (r: OverrideRow) => new Date(r.updatedAt).toISOString();
    cached = {
      // A staff account name is personal data: the public answer says only that a section changed.
      view: { ...shared, edited: over.map((r) => ({ section: r.section, at: at(r) })) },
      staffView: { ...shared, edited: over.map((r) => ({ section: r.section, at: at(r), by: r.username })) },
    };
    return cached;
  }
  const view = (): GuideResponse => views().view;

  return {
    content: () => view().content,
    view,
    staffView: () => views().staffView,
    search: (q) => searchFaq(view().content.faq, q),
    setSection(actorUserId, section, change) {
      const before = view().content[section];
      let after: unknown;
      if ('reset' in change) {
        after = base[section];
      } else {
        const one = GUIDE_SECTION_SCHEMAS[section].safeParse(change.value);
        if (!one.success) throw new DomainError('invalid', `${section}.${firstIssue(one.error.issues)}`);
        const whole = guideContentSchema.safeParse({ ...view().content, [section]: one.data });
        if (!whole.success) throw new DomainError('invalid', firstIssue(whole.error.issues));
        after = one.data;
      }
      inTransaction(db, () => {
        if ('reset' in change) db.prepare('DELETE FROM guide_overrides WHERE section = ?').run(section);
        else
          db.prepare(
            `INSERT INTO guide_overrides (section, content, updated_at, updated_by) VALUES (?, ?, ?, ?)
             ON CONFLICT (section) DO UPDATE SET content = excluded.content, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
          ).run(section, JSON.stringify(after), clock.now(), actorUserId);
        writeAudit(db, clock, {
          actorUserId,
          action: 'reset' in change ? 'guide.section.reset' : 'guide.section.update',
          target: `guide:${section}`,
          detail: { section, before, after },
        });
      });
      cached = null;
      return views().staffView;
    },
  };
}

export type { FaqHit };
