/** Small pieces the court screens share: a hearing's state in both languages, a text in both languages. */
import type { HearingState } from '../../../core/contract';
import { both, type StringKey, type Vars } from '../../i18n';

/** Chinese and English side by side (boards show both at once). */
export function Bi({ k, vars, className, testId }: { k: StringKey; vars?: Vars; className?: string; testId?: string }) {
  return <BiText text={both(k, vars)} className={className} testId={testId} />;
}

/** A pair from the server (room names, stages) side by side. */
export function BiText({ text, className, testId, state }: { text: { zh: string; en: string }; className?: string; testId?: string; state?: string }) {
  return (
    <span className={className} data-testid={testId} data-state={state}>
      <span lang="zh-TW" className="bi__zh">
        {text.zh}
      </span>{' '}
      <span lang="en" className="bi__en">
        {text.en}
      </span>
    </span>
  );
}

/** A hearing's state as a pill: 開庭中 In session, 休庭 Recess, 候訊 Waiting … */
export function StatePill({ state, className = '', testId }: { state: HearingState; className?: string; testId?: string }) {
  return <BiText text={both(`hearing.state.${state}` as StringKey)} className={`state-pill state-pill--${state} ${className}`} testId={testId} state={state} />;
}
