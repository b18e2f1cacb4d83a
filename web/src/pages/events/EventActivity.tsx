import { Alert, Card, Checkbox, Form, InputNumber, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { eventKeys, eventsApi, type JurisdictionPage, type JurisdictionRow } from '../../api/events';
import { PagedTable } from '../../components/PagedTable';

type Filters = { year?: number; belowOnly?: boolean };
const thisYear = () => Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

/** 辖区活动统计: the authority's filed spaces with their year's held events, flagging those below the yearly minimum (002 §二(五)). */
export default function EventActivity() {
  const { t } = useTranslation();
  const [page, setPage] = useState<JurisdictionPage>();
  const minimum = page?.minimum ?? 5;
  return (
    <Card title={t('events.activity.title')}>
      {page && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('events.activity.totals', { ...page.totals, minimum })} />}
      <PagedTable<JurisdictionRow, Filters, JurisdictionPage, { year: number }>
        queryKey={eventKeys.jurisdiction}
        fixed={{ year: thisYear() }}
        list={eventsApi.jurisdiction}
        onData={setPage}
        rowKey="spaceId"
        emptyText={t('events.activity.empty')}
        filters={
          <>
            <Form.Item name="year" label={t('events.activity.year')}>
              <InputNumber min={2000} max={2100} placeholder={String(thisYear())} />
            </Form.Item>
            <Form.Item name="belowOnly" valuePropName="checked">
              <Checkbox>{t('events.activity.belowOnly', { minimum })}</Checkbox>
            </Form.Item>
          </>
        }
        toQuery={(v) => ({ ...(v.year ? { year: v.year } : {}), belowOnly: v.belowOnly ? 'true' : undefined })}
        columns={[
          { title: t('events.col.space'), key: 'spaceName', sorter: true, render: (_, r) => r.spaceName },
          { title: t('events.col.region'), key: 'region', render: (_, r) => r.regionName },
          { title: t('events.col.held'), key: 'held', sorter: true, align: 'right', render: (_, r) => r.held },
          { title: t('events.col.professional'), key: 'professional', sorter: true, align: 'right', render: (_, r) => r.professional },
          { title: t('events.col.training'), key: 'training', align: 'right', render: (_, r) => r.training },
          { title: t('events.col.roadshow'), key: 'roadshow', align: 'right', render: (_, r) => r.roadshow },
          { title: t('events.col.competition'), key: 'competition', align: 'right', render: (_, r) => r.competition },
          { title: t('events.col.salon'), key: 'salon', align: 'right', render: (_, r) => r.salon },
          { title: t('events.col.modelInnovation'), key: 'modelInnovation', align: 'right', render: (_, r) => r.modelInnovation },
          { title: t('events.col.attendance'), key: 'attendance', sorter: true, align: 'right', render: (_, r) => r.attendance },
          { title: t('events.col.flag'), key: 'flag', render: (_, r) => (r.belowMinimum ? <Tag color="red">{t('events.activity.below', { minimum })}</Tag> : <Tag color="green">{t('events.activity.ok')}</Tag>) },
        ]}
      />
    </Card>
  );
}
