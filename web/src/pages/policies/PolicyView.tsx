import { DownloadOutlined, FileOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Empty, Flex, List, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Policy, policiesApi } from '../../api/policies';
import { formatDateTime } from '../../lib/format';
import { formatBytes } from '../applications/parts';
import { PolicyTags } from './parts';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <Card
      data-testid={testId}
      style={{ marginBottom: 16 }}
      title={
        <Typography.Title level={2} style={{ fontSize: 17, margin: 0 }}>
          {title}
        </Typography.Title>
      }
    >
      {children}
    </Card>
  );
}

/** Where a policy stands: in force, or since when not and what replaced it. */
function ValidityAlert({ p, linkTo }: { p: Policy; linkTo: (id: string) => string }) {
  const { t } = useTranslation();
  if (p.validity === 'effective') return null;
  const how = t(`policies.validity.${p.validity}`);
  const date = p.validUntil ?? undefined;
  const title = p.replacedBy ? (
    <span>
      {date ? t('policies.detail.replacedBy', { date, how }) : t('policies.detail.replacedByNoDate', { how })} <Link to={linkTo(p.replacedBy.id)}>{p.replacedBy.title}</Link>
    </span>
  ) : date ? (
    t('policies.detail.expiredOn', { date, how })
  ) : (
    t('policies.detail.expiredNoDate', { how })
  );
  return <Alert type="warning" showIcon title={title} data-testid="policy-validity-alert" style={{ marginBottom: 16 }} />;
}

/**
 * One policy as the library shows it: the metadata table of the State Council library, validity and
 * its links, the text (sanitised by the server), support items, interpretations and attachments.
 * `linkTo` opens a linked policy (the public page or the admin one); `attachments` only for a published one.
 */
export function PolicyView({ p, linkTo, publicFiles }: { p: Policy; linkTo: (id: string) => string; publicFiles: boolean }) {
  const { t } = useTranslation();
  const unknown = t('policies.detail.unknown');
  return (
    <div data-testid="policy-view">
      <Typography.Title level={1} style={{ fontSize: 22 }} data-testid="policy-title">
        {p.title}
      </Typography.Title>
      <Flex gap={4} wrap style={{ marginBottom: 16 }}>
        <PolicyTags p={p} />
      </Flex>
      <ValidityAlert p={p} linkTo={linkTo} />
      {p.interprets && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <span>
              {t('policies.detail.interprets')} <Link to={linkTo(p.interprets.id)}>{p.interprets.title}</Link>
            </span>
          }
        />
      )}
      {p.replaces?.id && p.replaces.as && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <span>
              {t('policies.detail.replaces', { how: t(`policies.replaceAs.${p.replaces.as}`) })} <Link to={linkTo(p.replaces.id)}>{p.replaces.title}</Link>
            </span>
          }
        />
      )}
      <Section title={t('policies.detail.metadata')} testId="policy-metadata">
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('policies.field.indexNo')}>{p.indexNo ?? unknown}</Descriptions.Item>
          <Descriptions.Item label={t('policies.field.themes')}>{p.themes.map((x) => t(`policies.theme.${x}`)).join('、') || unknown}</Descriptions.Item>
          <Descriptions.Item label={t('policies.field.issuer')}>{p.issuer}</Descriptions.Item>
          <Descriptions.Item label={t('policies.field.writtenOn')}>{p.writtenOn ?? unknown}</Descriptions.Item>
          <Descriptions.Item label={t('policies.field.title')} span={2}>
            {p.title}
          </Descriptions.Item>
          <Descriptions.Item label={t('policies.field.docNo')}>{p.docNo ?? unknown}</Descriptions.Item>
          <Descriptions.Item label={t('policies.field.issuedOn')}>{p.issuedOn ?? unknown}</Descriptions.Item>
          <Descriptions.Item label={t('policies.field.keywords')}>{p.keywords.join('；') || unknown}</Descriptions.Item>
          <Descriptions.Item label={t('policies.field.validity')}>
            <Tag>{t(`policies.validity.${p.validity}`)}</Tag>
            {p.validFrom && ` ${t('policies.field.validFrom')} ${p.validFrom}`}
            {p.validUntil && ` · ${t('policies.field.validUntil')} ${p.validUntil}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('policies.field.region')}>{`${p.regionName}（${t(`policies.level.${p.level}`)}）`}</Descriptions.Item>
          <Descriptions.Item label={t('policies.field.authority')}>
            {p.authorityName}
            {p.publishedAt && ` · ${formatDateTime(p.publishedAt)}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('policies.field.targets')} span={2}>
            {p.targets.map((x) => t(`policies.target.${x}`)).join('、') || unknown}
          </Descriptions.Item>
        </Descriptions>
      </Section>
      <Section title={t('policies.field.body')} testId="policy-body">
        {/* The server keeps only paragraphs, emphasis, lists, headings and tables (sanitize-html): nothing runs. */}
        <div className="policy-body" style={{ lineHeight: 1.9, fontSize: 15 }} dangerouslySetInnerHTML={{ __html: p.body }} />
      </Section>
      <Section title={t('policies.detail.supportItems')} testId="policy-support-items">
        {p.supportItems.length ? (
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={p.supportItems}
            scroll={{ x: true }}
            columns={[
              { title: t('policies.detail.category'), dataIndex: 'category', render: (c: string) => t(`policies.category.${c}`) },
              { title: t('policies.detail.item'), dataIndex: 'title' },
              { title: t('policies.detail.cap'), dataIndex: 'capWan', render: (v: number | null) => v ?? t('policies.detail.noCap') },
              { title: t('policies.detail.period'), dataIndex: 'period', render: (v: string | null) => v ?? '—' },
              { title: t('policies.detail.clause'), dataIndex: 'clause', render: (v: string | null) => v ?? '—' },
            ]}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('policies.detail.noSupportItems')} />
        )}
      </Section>
      {p.interpretations.length > 0 && (
        <Section title={t('policies.detail.interpretations')} testId="policy-interpretations">
          <List dataSource={p.interpretations} renderItem={(i) => <List.Item><Link to={linkTo(i.id)}>{i.title}</Link></List.Item>} />
        </Section>
      )}
      <Section title={t('policies.detail.attachments')} testId="policy-attachments">
        {p.attachments.length ? (
          <List
            dataSource={p.attachments}
            renderItem={(f) => (
              <List.Item
                actions={
                  publicFiles
                    ? [
                        <a key="d" href={policiesApi.attachmentUrl(p.id, f.id)} download>
                          <DownloadOutlined />
                        </a>,
                      ]
                    : []
                }
              >
                <FileOutlined /> {f.name} <Typography.Text type="secondary">{formatBytes(f.sizeBytes)}</Typography.Text>
              </List.Item>
            )}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('policies.detail.noAttachments')} />
        )}
      </Section>
    </div>
  );
}
