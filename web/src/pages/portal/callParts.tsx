import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CallLevel } from '../../api/calls';
import type { CallState } from '../../api/portal';

const STATE_COLOR: Record<CallState, string> = { open: 'green', upcoming: 'blue', closed: 'default' };

/** 申报中 / 未开始 / 已截止, coloured alike wherever a public call is listed. */
export function CallStateTag({ state }: { state: CallState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOR[state]} data-state={state}>
      {t(`portal.state.${state}`)}
    </Tag>
  );
}

/** A public call's level and state, the tags of its row wherever calls are listed. */
export function CallTags({ level, state }: { level: CallLevel; state: CallState }) {
  const { t } = useTranslation();
  return (
    <>
      <Tag color="blue">{t(`calls.level.${level}`)}</Tag>
      <CallStateTag state={state} />
    </>
  );
}
