import { DownloadOutlined, PlusOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, type ButtonProps, Card, Descriptions, Empty, Flex, Form, type FormInstance, Input, Modal, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { filesApi } from '../../api/files';
import { type Batch, type BatchSummary, type Candidate, type RecommendStage, recommendationKeys, recommendationsApi, useBatch, useBatches, useCandidates } from '../../api/recommendations';
import { type WorkedStage } from '../../api/stages';
import { CallStagePicker, useCallStage } from '../../components/CallStagePicker';
import { QueryError } from '../../components/QueryError';
import { useFormErrors } from '../../components/useFormErrors';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { ApplicationStatusTag } from '../applications/parts';
import { ChecklistFields, type ChecklistFormValues, checklistFromForm } from '../review/parts';

/**
 * 推荐: the applications waiting at a recommend stage the user's organisation works, batched with a
 * verdict and note per checklist item, the 推荐函 (and 主管部门信用承诺书) downloaded, signed and
 * uploaded, then sent on by the organisation's admin.
 */
export default function Recommendations() {
  const { t } = useTranslation();
  const [batchId, setBatchId] = useState<string>();
  const [tab, setTab] = useState('candidates');
  // The recommend stages of published calls the user's organisation works, from each call's chain.
  const picked = useCallStage('recommend');
  const { callId, stage, nothing, calls } = picked;
  const open = (id: string) => {
    setBatchId(id);
    setTab('batches');
  };
  return (
    <Card title={t('recommendations.title')}>
      {calls.isError && <QueryError error={calls.error} onRetry={() => void calls.refetch()} />}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'candidates',
            label: t('recommendations.tabs.candidates'),
            children: (
              <>
                <CallStagePicker picked={picked} labels={{ call: t('recommendations.call'), stage: t('recommendations.stagePick'), nothing: t('recommendations.noStages') }} testId="recommendation" />
                {callId && stage ? (
                  <CandidateList key={`${callId}/${stage.key}`} callId={callId} stage={stage} onCreated={open} />
                ) : (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={t(nothing ? 'recommendations.noStages' : 'recommendations.chooseCall')}
                    data-testid={nothing ? 'recommendation-nothing' : undefined}
                  />
                )}
              </>
            ),
          },
          {
            key: 'batches',
            label: t('recommendations.tabs.batches'),
            children: (
              <Space direction="vertical" size="middle" style={{ width: '100%' }}>
                <BatchList selected={batchId} onSelect={setBatchId} />
                {batchId && <BatchDetail key={batchId} id={batchId} />}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** The applications of the call waiting at `stage` (the candidates of all the call's recommend stages the organisation works, narrowed to it). */
function CandidateList({ callId, stage, onCreated }: { callId: string; stage: WorkedStage; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const query = useCandidates(callId);
  const [selected, setSelected] = useState<string[]>([]);
  const [creating, setCreating] = useState(false);
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const items = (query.data?.items ?? []).filter((i) => i.stageKey === stage.key);
  const chosen = selected.map((id) => items.find((i) => i.applicationId === id)).filter((i): i is Candidate => !!i);
  return (
    <>
      <Flex justify="space-between" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('recommendations.stage', { stage: currentLanguage() === 'en-US' ? stage.nameEn : stage.name })}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} disabled={!chosen.length} onClick={() => setCreating(true)} data-testid="recommendation-create">
          {t('recommendations.create', { count: chosen.length })}
        </Button>
      </Flex>
      <Table<Candidate>
        rowKey="applicationId"
        size="small"
        loading={query.isFetching}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('recommendations.noCandidates')} /> }}
        rowSelection={{
          selectedRowKeys: selected,
          // The order of ticking is the ranking in the letter.
          onChange: (keys) => setSelected((prev) => [...prev.filter((k) => keys.includes(k)), ...keys.map(String).filter((k) => !prev.includes(k))]),
          getCheckboxProps: (c) => ({ disabled: !!c.batch }),
        }}
        columns={[
          { title: t('recommendations.col.space'), dataIndex: 'spaceName' },
          { title: t('recommendations.col.operator'), dataIndex: 'operatorName' },
          { title: t('recommendations.col.region'), dataIndex: 'regionName' },
          { title: t('recommendations.col.status'), dataIndex: 'status', render: (s: Candidate['status']) => <ApplicationStatusTag status={s} /> },
          { title: t('recommendations.col.dueAt'), dataIndex: 'stageDueAt', render: (v: string | null) => formatDateTime(v) },
          {
            title: t('recommendations.col.batch'),
            dataIndex: 'batch',
            render: (b: Candidate['batch']) => (b ? <Tag color={b.status === 'sent' ? 'green' : 'processing'}>{t(`recommendations.status.${b.status}`)}</Tag> : '—'),
          },
        ]}
      />
      {creating && (
        <CreateModal
          callId={callId}
          stage={stage}
          chosen={chosen}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            setSelected([]);
            onCreated(id);
          }}
        />
      )}
    </>
  );
}

/** One application's checklist: its own form, so every application gets its own verdicts and notes. */
function ItemChecklist({ candidate, stage, register }: { candidate: Candidate; stage: RecommendStage; register: (id: string, form: FormInstance<ChecklistFormValues>) => void }) {
  const [form] = Form.useForm<ChecklistFormValues>();
  register(candidate.applicationId, form);
  return (
    <Card size="small" title={candidate.spaceName} style={{ marginBottom: 12 }}>
      <Form form={form} layout="vertical" name={`checklist-${candidate.applicationId}`}>
        <ChecklistFields items={stage.checklist} problemAllowed={false} />
      </Form>
    </Card>
  );
}

function CreateModal({ callId, stage, chosen, onClose, onCreated }: { callId: string; stage: RecommendStage; chosen: Candidate[]; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ letterNumber?: string }>();
  const errors = useFormErrors(form);
  const forms = useRef(new Map<string, FormInstance<ChecklistFormValues>>());
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      const checklists = await Promise.all(chosen.map((c) => forms.current.get(c.applicationId)!.validateFields()));
      const batch = await recommendationsApi.create({
        callId,
        stageKey: stage.key,
        letterNumber: form.getFieldValue('letterNumber')?.trim() || null,
        items: chosen.map((c, i) => ({ applicationId: c.applicationId, checklist: checklistFromForm(checklists[i]!) })),
      });
      message.success(t('recommendations.created', { count: batch.items.length }));
      await queryClient.invalidateQueries({ queryKey: recommendationKeys.all });
      onCreated(batch.id);
    } catch (err) {
      // Field problems of the checklists are shown under their fields by validateFields.
      if (!(err && typeof err === 'object' && 'errorFields' in err)) errors.onError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      width={860}
      title={t('recommendations.createTitle', { count: chosen.length })}
      onCancel={onClose}
      okText={t('recommendations.save')}
      okButtonProps={{ loading: busy, 'data-testid': 'recommendation-save' } as ButtonProps}
      onOk={() => void save()}
    >
      {errors.alert}
      <Form form={form} layout="vertical" name="recommendation-letter">
        <Form.Item name="letterNumber" label={t('recommendations.letterNumber')} extra={t('recommendations.letterNumberHint')}>
          <Input maxLength={100} data-testid="recommendation-letter-number" />
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary">{t('recommendations.checklistHint')}</Typography.Paragraph>
      {chosen.map((c) => (
        <ItemChecklist key={c.applicationId} candidate={c} stage={stage} register={(id, f) => forms.current.set(id, f)} />
      ))}
    </Modal>
  );
}

function BatchList({ selected, onSelect }: { selected?: string; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const query = useBatches(page);
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Table<BatchSummary>
      rowKey="id"
      size="small"
      loading={query.isFetching}
      dataSource={query.data?.items}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('recommendations.noBatches')} /> }}
      pagination={{ current: page, pageSize: 20, total: query.data?.total ?? 0, onChange: setPage, showTotal: (total) => t('common.total', { total }) }}
      rowClassName={(b) => (b.id === selected ? 'ant-table-row-selected' : '')}
      onRow={(b) => ({ onClick: () => onSelect(b.id), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('recommendations.col.call'), render: (_, b) => b.call.title },
        { title: t('recommendations.col.stage'), dataIndex: 'stageName' },
        { title: t('recommendations.letterNumber'), dataIndex: 'letterNumber', render: (v: string | null) => v ?? '—' },
        { title: t('recommendations.col.count'), dataIndex: 'count' },
        { title: t('recommendations.col.status'), dataIndex: 'status', render: (s: BatchSummary['status']) => <Tag color={s === 'sent' ? 'green' : 'processing'}>{t(`recommendations.status.${s}`)}</Tag> },
        { title: t('recommendations.col.sentAt'), dataIndex: 'sentAt', render: (v: string | null) => formatDateTime(v) },
      ]}
    />
  );
}

function BatchDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const query = useBatch(id);
  const [letterNumber, setLetterNumber] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const batch = query.data;
  if (!batch) return null;
  const withCommitment = batch.stage.documents.includes('authority_commitment');
  const draft = batch.status === 'draft';

  const run = async (work: () => Promise<Batch>, done: string) => {
    setBusy(true);
    try {
      const next = await work();
      queryClient.setQueryData(recommendationKeys.batch(id), next);
      await queryClient.invalidateQueries({ queryKey: recommendationKeys.all });
      message.success(done);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const upload = (kind: 'letterFileId' | 'commitmentFileId') => (file: File) =>
    void run(async () => {
      const meta = await filesApi.upload(file, file.name);
      return recommendationsApi.documents(id, { [kind]: meta.id });
    }, t('recommendations.uploaded', { name: file.name }));
  const send = () =>
    modal.confirm({
      title: t('recommendations.sendTitle', { count: batch.items.length, stage: batch.nextStage ?? '' }),
      width: 560,
      content: (
        <ol style={{ paddingLeft: 20, margin: 0 }}>
          {batch.items.map((i) => (
            <li key={i.applicationId}>{i.spaceName}</li>
          ))}
        </ol>
      ),
      okText: t('recommendations.sendOk', { count: batch.items.length }),
      okButtonProps: { 'data-testid': 'recommendation-send-confirm' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: () => run(() => recommendationsApi.send(id, batch.revision), t('recommendations.sent', { count: batch.items.length })),
    });
  const missingScans = !batch.letterFile || (withCommitment && !batch.commitmentFile);

  return (
    <Card
      size="small"
      title={
        <Space>
          {batch.call.title}
          <Tag color={draft ? 'processing' : 'green'}>{t(`recommendations.status.${batch.status}`)}</Tag>
        </Space>
      }
      extra={
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={recommendationsApi.letterUrl(id)} data-testid="recommendation-letter">
            {t('recommendations.letter')}
          </Button>
          {withCommitment && (
            <Button icon={<DownloadOutlined />} href={recommendationsApi.commitmentUrl(id)} data-testid="recommendation-commitment">
              {t('recommendations.commitment')}
            </Button>
          )}
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('recommendations.recommender')}>{batch.recommender.name}</Descriptions.Item>
        <Descriptions.Item label={t('recommendations.nextStage')}>{batch.nextStage ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('recommendations.letterNumber')}>
          {batch.abilities.edit ? (
            <Space.Compact>
              <Input defaultValue={batch.letterNumber ?? ''} onChange={(e) => setLetterNumber(e.target.value)} maxLength={100} style={{ width: 220 }} />
              <Button
                loading={busy}
                disabled={letterNumber === undefined}
                onClick={() => void run(() => recommendationsApi.update(id, { revision: batch.revision, letterNumber: letterNumber?.trim() || null }), t('common.saved'))}
                data-testid="recommendation-letter-number-save"
              >
                {t('recommendations.saveNumber')}
              </Button>
            </Space.Compact>
          ) : (
            (batch.letterNumber ?? '—')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('recommendations.col.sentAt')}>{formatDateTime(batch.sentAt)}</Descriptions.Item>
        <Descriptions.Item label={t('recommendations.letterScan')}>
          <ScanCell batchId={id} file={batch.letterFile} editable={batch.abilities.edit} onUpload={upload('letterFileId')} busy={busy} testId="recommendation-upload-letter" />
        </Descriptions.Item>
        {withCommitment && (
          <Descriptions.Item label={t('recommendations.commitmentScan')}>
            <ScanCell batchId={id} file={batch.commitmentFile} editable={batch.abilities.edit} onUpload={upload('commitmentFileId')} busy={busy} testId="recommendation-upload-commitment" />
          </Descriptions.Item>
        )}
      </Descriptions>
      <Table
        rowKey="applicationId"
        size="small"
        pagination={false}
        dataSource={batch.items}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('recommendations.col.position'), dataIndex: 'position', width: 64 },
          { title: t('recommendations.col.space'), dataIndex: 'spaceName' },
          { title: t('recommendations.col.operator'), dataIndex: 'operatorName' },
          { title: t('recommendations.col.region'), dataIndex: 'regionName' },
          { title: t('recommendations.col.status'), dataIndex: 'status', render: (s: Candidate['status']) => <ApplicationStatusTag status={s} /> },
        ]}
      />
      {draft && (
        <Flex justify="flex-end" align="center" gap={12} style={{ marginTop: 12 }}>
          {missingScans && <Typography.Text type="secondary">{t(withCommitment ? 'recommendations.needBothScans' : 'recommendations.needLetterScan')}</Typography.Text>}
          {!batch.abilities.send && <Typography.Text type="secondary">{t('recommendations.adminSends')}</Typography.Text>}
          <Button type="primary" icon={<SendOutlined />} disabled={!batch.abilities.send || missingScans} loading={busy} onClick={send} data-testid="recommendation-send">
            {t('recommendations.send')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}

function ScanCell(props: { batchId: string; file: Batch['letterFile']; editable: boolean; onUpload: (file: File) => void; busy: boolean; testId: string }) {
  const { t } = useTranslation();
  return (
    <Space wrap>
      {props.file ? <a href={recommendationsApi.fileUrl(props.batchId, props.file.id)}>{props.file.name}</a> : <Typography.Text type="secondary">{t('recommendations.noScan')}</Typography.Text>}
      {props.editable && (
        <Upload showUploadList={false} accept=".pdf,.jpg,.jpeg,.png" customRequest={({ file }) => props.onUpload(file as File)}>
          <Button size="small" icon={<UploadOutlined />} loading={props.busy} data-testid={props.testId}>
            {props.file ? t('recommendations.replaceScan') : t('recommendations.uploadScan')}
          </Button>
        </Upload>
      )}
    </Space>
  );
}
