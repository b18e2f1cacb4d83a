import { Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ChainSummary, StageActor } from '../../api/chains';

export function StatusTag({ status }: { status: ChainSummary['status'] }) {
  const { t } = useTranslation();
  return <Tag color={status === 'published' ? 'green' : 'gold'}>{t(`chains.statusValue.${status}`)}</Tag>;
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
