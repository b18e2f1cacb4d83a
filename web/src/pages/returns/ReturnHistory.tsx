import { Card, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReturnDetail } from '../../api/returns';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../lib/format';

type ReturnEvent = ReturnDetail['events'][number];

// Where the return went (its kernel state after the move) colours the dot: back to the filer red, accepted green.
const COLOURS: Record<string, string> = { returned: 'red', filed: 'green', rejected: 'red' };

/**
 * The return's history from the kernel's events: submitted, returned with the reviewer's comment
 * per field, resubmitted, passed, accepted, reopened with its reason — each with who and when.
 */
export function ReturnHistory({ d }: { d: ReturnDetail }) {
  const { t } = useTranslation();
  const en = currentLanguage() === 'en-US';
  const byCode = new Map(d.catalogue.definition.indicators.map((i) => [i.code, i]));
  const fieldName = (field: string) => {
    const ind = byCode.get(field.replace(/^values\./, ''));
    return ind ? (en ? ind.labelEn : ind.label) : field;
  };
  const item = (e: ReturnEvent) => ({
    color: (e.toStatus && COLOURS[e.toStatus]) ?? 'blue',
    children: (
      <Space direction="vertical" size={2} data-testid="return-history-item">
        <Space wrap size={4}>
          <Typography.Text strong>{t(`returns.history.actions.${e.action.replace('.', '_')}`, { defaultValue: e.action })}</Typography.Text>
          {e.stage && <Tag>{en ? e.stage.nameEn : e.stage.name}</Tag>}
          <Typography.Text type="secondary">
            {formatDateTime(e.at)} · {e.actor ? `${e.actor.name}${e.actor.orgName ? `（${e.actor.orgName}）` : ''}` : t('returns.history.system')}
          </Typography.Text>
        </Space>
        {e.note && <Typography.Text>{e.action === 'annual_return.reopen' ? t('returns.history.reason', { note: e.note }) : e.note}</Typography.Text>}
        {e.itemComments.map((c) => (
          <Typography.Text key={c.field} type="warning">
            {fieldName(c.field)}：{c.comment}
          </Typography.Text>
        ))}
      </Space>
    ),
  });
  return (
    <Card title={t('returns.history.title')} data-testid="return-history">
      <Timeline items={d.events.filter((e) => e.action !== 'review.stage_due').map(item)} />
    </Card>
  );
}
