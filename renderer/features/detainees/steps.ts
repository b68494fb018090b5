/** New detainees' stages and outcomes: the site's own list, and what may follow what. */
import type { DetaineeStep } from '../../../core/contract';

export type StageLabel = DetaineeStep;

/**
 * The site's stages (in order) and outcomes come from the server with the
 * day's list (GET /api/staff/detainees, core/config/schema.ts `detainees`):
 * the staff screen keeps no list of its own.
 */
export interface DetaineeSteps {
  stages: readonly StageLabel[];
  outcomes: readonly StageLabel[];
}

/** A stage's or outcome's label; an id the site does not know shows as itself. */
export function stageLabel(id: string, steps: DetaineeSteps): StageLabel {
  return [...steps.stages, ...steps.outcomes].find((s) => s.id === id) ?? { id, zh: id, en: id };
}

/**
 * What a bailiff may tap for a person at `stageId`: the later stages (the
 * first is the next one; stages may be skipped forward, never back), or after
 * the last stage the outcomes; nothing once an outcome is recorded.
 */
export function detaineeChoices(stageId: string, { stages, outcomes }: DetaineeSteps): { kind: 'stages' | 'outcomes' | 'final'; options: StageLabel[] } {
  if (outcomes.some((o) => o.id === stageId)) return { kind: 'final', options: [] };
  const i = stages.findIndex((s) => s.id === stageId);
  if (i === -1) return { kind: 'final', options: [] };
  if (i === stages.length - 1) return { kind: 'outcomes', options: [...outcomes] };
  return { kind: 'stages', options: stages.slice(i + 1) };
}
