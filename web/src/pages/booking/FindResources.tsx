import { Card, DatePicker, Flex, Form, Input, Select, Space, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { bookingApi, bookingKeys, type FoundResource, RESOURCE_KINDS, type ResourceKind } from '../../api/booking';
import { KEY_INDUSTRIES } from '../../api/spacesite';
import { PagedTable } from '../../components/PagedTable';
import { oneOf } from '../../components/useAddressFilters';
import { RegionCascader } from '../../components/RegionCascader';
import { FeeText, ResourcePhotos } from './parts';

type Filters = { region?: string[]; kind?: ResourceKind; category?: string; industry?: FoundResource['industry']; q?: string; day?: Dayjs };
const NATIONAL = '000000';

/**
 * 设备预约: the platform-wide search of the shared equipment and facilities of every filed space, by
 * region, kind, category, field (the space's key industry), keyword and a day with time still free; a row opens the resource's day view.
 */
export default function FindResources() {
  const { t } = useTranslation();
  return (
    <Card title={t('booking.find.title')}>
      <PagedTable<FoundResource, Filters>
        queryKey={bookingKeys.search}
        list={(q) => bookingApi.search(q)}
        inUrl={{
          keys: ['region', 'kind', 'category', 'industry', 'q', 'day'],
          toParams: (v) => ({ region: v.region?.join(',') || undefined, kind: v.kind, category: v.category?.trim() || undefined, industry: v.industry, q: v.q?.trim() || undefined, day: v.day?.format('YYYY-MM-DD') }),
          fromParams: (p) => ({ region: p.region ? p.region.split(',') : undefined, kind: p.kind as ResourceKind | undefined, category: p.category, industry: oneOf(KEY_INDUSTRIES, p.industry ?? null), q: p.q, day: p.day ? dayjs(p.day) : undefined }),
        }}
        toQuery={(v) => {
          const regionCode = v.region?.at(-1);
          return { regionCode: regionCode && regionCode !== NATIONAL ? regionCode : undefined, kind: v.kind, category: v.category?.trim() || undefined, industry: v.industry, q: v.q?.trim() || undefined, day: v.day?.format('YYYY-MM-DD') };
        }}
        rowKey="id"
        emptyText={t('booking.find.empty')}
        filters={
          <>
            <Form.Item name="region" label={t('booking.find.region')}>
              <RegionCascader />
            </Form.Item>
            <Form.Item name="kind" label={t('booking.kind')}>
              <Select allowClear style={{ width: 120 }} options={RESOURCE_KINDS.map((k) => ({ value: k, label: t(`booking.kinds.${k}`) }))} />
            </Form.Item>
            <Form.Item name="category" label={t('booking.category')}>
              <Input allowClear style={{ width: 140 }} placeholder={t('booking.find.categoryHint')} />
            </Form.Item>
            <Form.Item name="industry" label={t('booking.find.industry')}>
              <Select allowClear style={{ width: 140 }} options={KEY_INDUSTRIES.map((i) => ({ value: i, label: t(`spaces.industries.${i}`) }))} data-testid="booking-search-industry" />
            </Form.Item>
            <Form.Item name="q" label={t('booking.find.keyword')}>
              <Input allowClear style={{ width: 180 }} placeholder={t('booking.find.keywordHint')} data-testid="booking-search-q" />
            </Form.Item>
            <Form.Item name="day" label={t('booking.find.availableOn')}>
              <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
            </Form.Item>
          </>
        }
        columns={[
          {
            title: t('booking.name'),
            key: 'name',
            render: (_, r) => (
              <Flex gap={8} align="center">
                {r.coverPhotoId && <ResourcePhotos resourceId={r.id} name={r.name} photoIds={[r.coverPhotoId]} size={48} publicPath />}
                <Link to={`/app/booking/${r.id}`} data-testid="booking-resource-link">
                  {r.name}
                </Link>
              </Flex>
            ),
          },
          { title: t('booking.kind'), key: 'kind', render: (_, r) => t(`booking.kinds.${r.kind}`) },
          { title: t('booking.category'), key: 'category', dataIndex: 'category' },
          { title: t('booking.space'), key: 'space', render: (_, r) => r.spaceName },
          { title: t('booking.find.industry'), key: 'industry', render: (_, r) => t(`spaces.industries.${r.industry}`) },
          { title: t('booking.find.region'), key: 'region', render: (_, r) => r.regionName },
          { title: t('booking.location'), key: 'location', dataIndex: 'location' },
          { title: t('booking.fee'), key: 'fee', render: (_, r) => <FeeText r={r} /> },
          {
            title: t('booking.find.openTo'),
            key: 'groups',
            render: (_, r) => (
              <Space size={4} wrap>
                {r.groups.map((g) => (
                  <Tag key={g}>{t(`booking.groups.${g}`)}</Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
