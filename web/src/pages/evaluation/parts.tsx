import { Alert, Descriptions, List, Space, Tag, Tooltip } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { type Grade, GRADE_COLORS, type SchemeSummary, type Scoring, type Source } from '../../api/evaluation';

export const LIST_KEY = 'evaluation-schemes';
export const detailKey = (id: string) => ['evaluation-scheme', id];

/** 草稿, or 第 N 版 once published. */
export function SchemeStatus({ s }: { s: Pick<SchemeSummary, 'status' | 'version'> }) {
  const { t } = useTranslation();
  return s.status === 'published' ? <Tag color="green">{t('evaluation.publishedVersion', { version: s.version })}</Tag> : <Tag color="gold">{t('evaluation.draft')}</Tag>;
}

export function GradeTag({ grade }: { grade: Grade }) {
  const { t } = useTranslation();
  return (
    <Tag color={GRADE_COLORS[grade]} data-grade={grade}>
      {t(`evaluation.grade.${grade}`)}
    </Tag>
  );
}

/**
 * The scheme says in an item's basis which numbers are the platform's own choice ("平台设定：…"),
 * as opposed to those a seed document fixes; the page marks them so nobody mistakes one for policy.
 */
export const isPlatformChoice = (basis: string) => basis.includes('平台设定');

export function PlatformChoiceTag({ basis }: { basis: string }) {
  const { t } = useTranslation();
  if (!isPlatformChoice(basis)) return null;
  return (
    <Tooltip title={t('evaluation.platformChoiceHint')}>
      <Tag color="purple" data-testid="platform-choice">
        {t('evaluation.platformChoice')}
      </Tag>
    </Tooltip>
  );
}

/** Where an item's figure comes from, in words ("统计报表：工位数", "平台数据：S(1) 存活率", "专家评分"). */
export function sourceText(t: TFunction, source: Source, returnLabel: (code: string) => string): string {
  switch (source.from) {
    case 'return':
      return t('evaluation.sourceText.return', { name: returnLabel(source.code) });
    case 'platform':
      return t('evaluation.sourceText.platform', { name: t(`evaluation.figure.${source.figure}`) });
    case 'expert':
      return t('evaluation.sourceText.expert', { item: source.item });
  }
}

/** How a figure turns into points, in the words of an evaluation scheme ("达到50个得5分，每增加1个加0.1分，最高10分"). */
export function scoringText(t: TFunction, scoring: Scoring, unit: string): string {
  switch (scoring.kind) {
    case 'step':
      return t('evaluation.scoringText.step', { ...scoring, unit });
    case 'linear':
      return t('evaluation.scoringText.linear', { ...scoring, unit });
    case 'rank':
      return t('evaluation.scoringText.rank', scoring);
    case 'percentile':
      return t('evaluation.scoringText.percentile', { bands: scoring.bands.map((b) => t('evaluation.scoringText.percentileBand', b)).join(t('common.separator')) });
    case 'direct':
      return t('evaluation.scoringText.direct', scoring);
  }
}

interface Line {
  key: string;
  points: number;
  /** In the reader's language. */
  text: string;
}

/** Where every point of one space came from, item by item, in the words of an evaluation report; the grade's reason and any veto above. */
export function ScoreExplanation(p: { testId: string; indicatorPoints: number; bonusPoints: number; gradeReason: string | null; vetoes: string[]; items: Line[]; bonus: Line[] }) {
  const { t } = useTranslation();
  const line = (i: Line) => (
    <List.Item key={i.key} extra={<Tag>{t('evaluation.points', { points: i.points })}</Tag>}>
      {i.text}
    </List.Item>
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={p.testId}>
      <Descriptions
        size="small"
        column={3}
        items={[
          { key: 'indicators', label: t('evaluation.preview.indicatorPoints'), children: t('evaluation.points', { points: p.indicatorPoints }) },
          { key: 'bonus', label: t('evaluation.preview.bonusPoints'), children: t('evaluation.points', { points: p.bonusPoints }) },
          { key: 'reason', label: t('evaluation.preview.gradeReason'), children: p.gradeReason ?? '—' },
        ]}
      />
      {p.vetoes.length > 0 && <Alert type="error" showIcon title={t('evaluation.preview.vetoed', { vetoes: p.vetoes.join(t('common.separator')) })} />}
      <List size="small" bordered dataSource={p.items} renderItem={line} />
      {p.bonus.length > 0 && <List size="small" bordered header={t('evaluation.bonus')} dataSource={p.bonus} renderItem={line} />}
    </Space>
  );
}
