import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Space, Spin, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applicationLinks, applicationsApi, type ApplicationDetail, type Attachment, type MaterialSlot } from '../../api/applications';
import { errorMessage } from '../../api/client';
import { filesApi } from '../../api/files';
import type { ConditionResult } from '../../api/criteria';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { ConditionResultList, flattenResults, OutcomeTag } from '../criteria/parts';
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

/**
 * The slot of the applicant's signed commitment (src/modules/applications/profile.ts): uploaded in
 * the commitment step beside its template and confirmation, not among the other materials.
 */
export const COMMITMENT_SLOT = 'applicant_commitment';

/** 附件材料: the call's material slots but the signed commitment's. */
export function AttachmentsStep(props: StepProps) {
  return props.app.call.materialSlots.filter((s) => s.key !== COMMITMENT_SLOT).map((slot) => <SlotCard key={slot.key} slot={slot} {...props} />);
}

/**
 * 申报单位信用承诺书 (001 附件4) in one place, in the order it is done: download the letter worded
 * for this call, upload the scan signed by the legal representative and sealed, then the operator
 * admin confirms — which the server refuses until the scan is there.
 */
export function CommitmentStep({ app, refresh }: StepProps) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  const slot = app.call.materialSlots.find((s) => s.key === COMMITMENT_SLOT);
  const scanned = !slot || app.attachments.some((a) => a.slotKey === COMMITMENT_SLOT);
  const open = app.status !== 'submitted' && !!app.abilities.edit;
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
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="commitment-step">
      <Alert type="info" showIcon title={t('dossier.commitment.hint')} />
      <Card size="small" title={t('dossier.commitment.one')}>
        <Typography.Paragraph type="secondary">{t(`dossier.commitment.wording.${app.call.level}`)}</Typography.Paragraph>
        <Button icon={<DownloadOutlined />} href={applicationLinks.commitmentDocx(app.id)}>
          {t('dossier.commitment.download')}
        </Button>
      </Card>
      {slot && (
        <div>
          <Typography.Title level={5}>{t('dossier.commitment.two')}</Typography.Title>
          <SlotCard app={app} slot={slot} refresh={refresh} />
        </div>
      )}
      <Card size="small" title={t(slot ? 'dossier.commitment.three' : 'dossier.commitment.threeNoScan')}>
        <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
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
        {open && app.abilities.confirm_commitment && (
          <Flex gap={8} align="center" wrap>
            <Button type="primary" loading={busy} disabled={!scanned} onClick={confirm} data-testid="commitment-confirm">
              {t('dossier.commitment.confirm')}
            </Button>
            {!scanned && <Typography.Text type="warning">{t('dossier.commitment.scanFirst')}</Typography.Text>}
          </Flex>
        )}
        {open && !app.abilities.confirm_commitment && <Typography.Text type="secondary">{t('dossier.commitment.adminOnly')}</Typography.Text>}
      </Card>
    </Space>
  );
}

/** The self-assessment of the saved dossier; the key changes with everything it reads. */
export const useAssessment = (app: ApplicationDetail) =>
  useQuery({
    queryKey: ['application-assessment', app.id, app.revision, app.attachments.length, app.commitment.confirmedAt],
    queryFn: () => applicationsApi.assessment(app.id),
    placeholderData: keepPreviousData,
  });

/** The conditions the dossier does not meet or gives no data for (the innermost ones, each said once). */
export const unmet = (results: ConditionResult[]) =>
  flattenResults(results)
    .map(({ r }) => r)
    .filter((r) => (r.outcome === 'fail' || r.outcome === 'missing_data') && !r.children?.some((c) => c.outcome === r.outcome));

/** 自评 (003 第七条): the call's rule set against the saved dossier; failures warn only. */
export function AssessmentStep({ app }: StepProps) {
  const { t } = useTranslation();
  const query = useAssessment(app);
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
      <ConditionResultList results={evaluation.results} testId="assessment" />
    </Space>
  );
}

/**
 * The self-assessment repeated on the submit step, so nobody submits without seeing what does not
 * meet the conditions: each such condition with its explanation, as a warning (it never blocks).
 */
export function AssessmentSummary({ app, onOpen }: { app: ApplicationDetail; onOpen: () => void }) {
  const { t } = useTranslation();
  const query = useAssessment(app);
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Spin />;
  const { evaluation, ruleSet } = query.data;
  if (!evaluation || !ruleSet) return null;
  const open = (
    <Button type="link" size="small" onClick={onOpen} style={{ padding: 0 }}>
      {t('dossier.assessment.openDetail')}
    </Button>
  );
  if (evaluation.overall === 'pass')
    return <Alert type="success" showIcon data-testid="submit-assessment" title={t('dossier.assessment.passed', { title: ruleSet.title })} action={open} />;
  const items = unmet(evaluation.results);
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="submit-assessment"
      title={
        <Space wrap>
          {t('dossier.assessment.notMet', { title: ruleSet.title, count: items.length })}
          <OutcomeTag outcome={evaluation.overall} />
        </Space>
      }
      description={
        <>
          <ul style={{ margin: '4px 0', paddingLeft: 20 }}>
            {items.map((r) => (
              <li key={r.id}>
                <OutcomeTag outcome={r.outcome} /> {r.label}
                <Typography.Text type="secondary"> {r.clause}</Typography.Text> — {r.explanation}
              </li>
            ))}
          </ul>
          <Typography.Text type="secondary">{t('dossier.assessment.warnOnly')}</Typography.Text>
        </>
      }
      action={open}
    />
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
