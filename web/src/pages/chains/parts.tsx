import { Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ChainSummary, StageActor } from '../../api/chains';

export function StatusTag({ status }: { status: ChainSummary['status'] }) {
  const { t } = useTranslation();
  return <Tag color={status === 'published' ? 'green' : 'gold'}>{t(`chains.statusValue.${status}`)}</Tag>;
}

/** What the chain moves (备案, 年度统计…); a kind the web app does not know yet shows as its key. */
export function ChainKindTag({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return <Tag color="purple">{t(`chains.chainKind.${kind}`, { defaultValue: kind })}</Tag>;
}

export function VersionText({ version }: { version: number | null }) {
  const { t } = useTranslation();
  return version === null ? <Typography.Text type="secondary">—</Typography.Text> : <>{t('chains.versionValue', { version })}</>;
}

/** A name in the reader's language. */
export const localName = (lang: string, o: { name: string; nameEn: string }) => (lang === 'en-US' ? o.nameEn : o.name);

/** 市级科技主管部门, 推荐单位…, 受理单位. */
export function actorLabel(t: TFunction, actor: StageActor): string {
  return actor.kind === 'authority' ? t('chains.actor.authority', { level: t(`authorityLevel.${actor.level}`) }) : t(`chains.actor.${actor.kind}`);
}

/** `authority:city` etc.: one select value per actor. */
export const actorValue = (actor: StageActor) => (actor.kind === 'authority' ? `authority:${actor.level}` : actor.kind);
export function actorOf(value: string): StageActor {
  if (value === 'recommender' || value === 'intake' || value === 'unit') return { kind: value };
  return { kind: 'authority', level: value.split(':')[1] as Extract<StageActor, { kind: 'authority' }>['level'] };
}

export const LIST_KEY = 'chains';
