import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, List, Space, Spin, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applicationLinks, applicationsApi, type ApplicationDetail, type Attachment, type MaterialSlot } from '../../api/applications';
import { errorMessage } from '../../api/client';
import { filesApi } from '../../api/files';
import type { ConditionResult } from '../../api/criteria';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { OutcomeTag } from '../criteria/parts';
import { formatBytes } from './parts';

interface StepProps {
  app: ApplicationDetail;
  /** Reloads the application after a change made outside the dossier form. */
  refresh: () => Promise<unknown>;
}

/** One material slot: its files (name, size, SHA-256, uploader, time), upload and remove. */
function SlotCard({ app, slot, refresh }: StepProps & { slot: MaterialSlot }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const files = app.attachments.filter((a) => a.slotKey === slot.key);
  const editable = !!app.abilities.attach;

  async function run(work: () => Promise<unknown>, done: string) {
    setBusy(true);
    try {
      await work();
      await refresh();
      message.success(done);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const upload = (file: File) =>
    run(async () => {
      const meta = await filesApi.upload(file, file.name);
      await applicationsApi.attach(app.id, { slotKey: slot.key, fileId: meta.id });
    }, t('dossier.files.uploaded', { name: file.name }));

  return (
    <Card
      size="small"
      data-testid={`slot-${slot.key}`}
      style={{ marginBottom: 12 }}
      title={
        <Space>
          {slot.name}
          {slot.required ? <Tag color="red">{t('dossier.files.required')}</Tag> : <Tag>{t('dossier.files.optional')}</Tag>}
          {files.length > 0 && <Tag color="green">{t('dossier.files.count', { count: files.length })}</Tag>}
        </Space>
      }
      extra={
        editable && (
          <Upload
            showUploadList={false}
            accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.zip"
            customRequest={({ file }) => void upload(file as File)}
          >
            <Button icon={<UploadOutlined />} loading={busy} size="small">
              {t('dossier.files.upload')}
            </Button>
          </Upload>
        )
      }
    >
      {slot.description && <Typography.Paragraph type="secondary">{slot.description}</Typography.Paragraph>}
      {files.length > 0 && (
        <Table<Attachment>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={files}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('dossier.files.name'), dataIndex: 'fileName', render: (n: string, a) => <a href={filesApi.downloadUrl(a.fileId)}>{n}</a> },
            { title: t('dossier.files.size'), dataIndex: 'sizeBytes', render: formatBytes },
            {
              title: t('common.checksum'),
              dataIndex: 'sha256',
              render: (h: string) => (
                <Typography.Text code copyable={{ text: h }} title={h}>
                  {h.slice(0, 16)}…
                </Typography.Text>
              ),
            },
            { title: t('dossier.files.uploader'), dataIndex: 'addedByName' },
            { title: t('dossier.files.time'), dataIndex: 'addedAt', render: formatDateTime },
            ...(editable
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_: unknown, a: Attachment) => (
                      <Button
                        size="small"
                        danger
                        type="link"
                        icon={<DeleteOutlined />}
                        onClick={() => void run(() => applicationsApi.detach(app.id, a.id), t('dossier.files.removed', { name: a.fileName }))}
                      >
                        {t('dossier.files.remove')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </Card>
  );
}

/** 附件材料: each of the call's material slots. */
export function AttachmentsStep(props: StepProps) {
  return props.app.call.materialSlots.map((slot) => <SlotCard key={slot.key} slot={slot} {...props} />);
}

/** 申报单位信用承诺书 (001 附件4): download prefilled, sign and seal, upload the scan, confirm. */
export function CommitmentStep({ app, refresh }: StepProps) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  const confirm = () =>
    modal.confirm({
      title: t('dossier.commitment.confirmTitle'),
      content: t('dossier.commitment.confirmText', { operator: app.operator.name }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        setBusy(true);
        try {
          await applicationsApi.confirmCommitment(app.id);
          await refresh();
          message.success(t('dossier.commitment.confirmed'));
        } catch (err) {
          message.error(errorMessage(err));
        } finally {
          setBusy(false);
        }
      },
    });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('dossier.commitment.hint')} />
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t('dossier.commitment.status')}>
          {app.commitment.confirmedAt ? (
            <Tag color="green" data-testid="commitment-status">
              {t('dossier.commitment.confirmedAt', { at: formatDateTime(app.commitment.confirmedAt) })}
            </Tag>
          ) : (
            <Tag color="orange" data-testid="commitment-status">
              {t('dossier.commitment.notConfirmed')}
            </Tag>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Flex gap={8} wrap>
        <Button icon={<DownloadOutlined />} href={applicationLinks.commitmentDocx(app.id)}>
          {t('dossier.commitment.download')}
        </Button>
        {app.abilities.confirm_commitment && app.status !== 'submitted' && (
          <Button type="primary" loading={busy} onClick={confirm}>
            {t('dossier.commitment.confirm')}
          </Button>
        )}
      </Flex>
      {!app.abilities.confirm_commitment && app.status !== 'submitted' && <Typography.Text type="secondary">{t('dossier.commitment.adminOnly')}</Typography.Text>}
    </Space>
  );
}

const flatten = (results: ConditionResult[], depth = 0): { r: ConditionResult; depth: number }[] =>
  results.flatMap((r) => [{ r, depth }, ...flatten(r.children ?? [], depth + 1)]);

/** 自评 (003 第七条): the call's rule set against the saved dossier; failures warn only. */
export function AssessmentStep({ app }: StepProps) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['application-assessment', app.id, app.revision, app.attachments.length, app.commitment.confirmedAt],
    queryFn: () => applicationsApi.assessment(app.id),
  });
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Spin />;
  const { evaluation, ruleSet } = query.data;
  if (!evaluation || !ruleSet) return <Empty description={t('dossier.assessment.noRuleSet')} />;
  const failing = (evaluation.counts.fail ?? 0) + (evaluation.counts.missing_data ?? 0);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Alert
        type={evaluation.overall === 'pass' ? 'success' : 'warning'}
        showIcon
        title={
          <Space>
            {t('dossier.assessment.overall', { title: ruleSet.title })}
            <OutcomeTag outcome={evaluation.overall} />
          </Space>
        }
        description={failing ? t('dossier.assessment.warnOnly') : undefined}
      />
      <List
        bordered
        data-testid="assessment"
        dataSource={flatten(evaluation.results)}
        renderItem={({ r, depth }) => (
          <List.Item style={{ paddingLeft: 16 + depth * 24 }}>
            <List.Item.Meta
              title={
                <Space wrap>
                  <OutcomeTag outcome={r.outcome} />
                  {r.label}
                  <Typography.Text type="secondary">{r.clause}</Typography.Text>
                </Space>
              }
              description={r.explanation}
            />
          </List.Item>
        )}
      />
    </Space>
  );
}

/** What the server says a submission still lacks. */
export function MissingList({ items }: { items: { field: string; message: string; messageEn: string }[] }) {
  const { t, i18n } = useTranslation();
  if (!items.length) return <Alert type="success" showIcon title={t('dossier.submit.complete')} />;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="missing-items"
      title={t('dossier.submit.missing', { count: items.length })}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {items.map((m) => (
            <li key={m.field}>{i18n.language === 'en-US' ? m.messageEn : m.message}</li>
          ))}
        </ul>
      }
    />
  );
}
