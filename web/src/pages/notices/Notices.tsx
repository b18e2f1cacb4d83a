import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, Modal, Select, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { type Candidate, type ManagedNoticeSummary, noticesApi } from '../../api/notices';
import type { Page } from '../../api/types';
import { can } from '../../api/session';
import { onlyStage, useStagesMine } from '../../api/stages';
import { useCurrentUser } from '../../app/currentUser';
import { NOTHING, type Selection, SelectionBar, selectedCount, selectionBody, useCountChanged } from '../../components/AllMatching';
import { PagedTable } from '../../components/PagedTable';
import { useFormErrors } from '../../components/useFormErrors';
import { formatDateTime, shanghaiInstant, shanghaiWallTime } from '../../lib/format';
import { NoticeStatusTag } from './parts';

interface PublishValues {
  callId: string;
  stageKey: string;
  selection: Selection;
  title: string;
  body: string;
  window: [Dayjs, Dayjs];
}

/** The usual notice period (7 days: AFTER-FILING §3 and §6), proposed from the current minute and editable. */
const NOTICE_DAYS = 7;
const defaultWindow = (): [Dayjs, Dayjs] => {
  const start = shanghaiWallTime(new Date().toISOString()).second(0);
  return [start, start.add(NOTICE_DAYS, 'day')];
};

/** 发布公示: pick a call and its notice stage, the applications waiting there, the text and the period (Asia/Shanghai). */
function PublishDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PublishValues>();
  const errors = useFormErrors(form);
  const callId = Form.useWatch('callId', form);
  const stageKey = Form.useWatch('stageKey', form);
  // The notice stages of published calls (Liaoning: 审查结果公示) the user's organisation works;
  // publishing is its admin's, so only those where the user is the admin.
  const worked = useStagesMine('notice', { enabled: open });
  const calls = worked.data?.map((c) => ({ ...c, stages: c.stages.filter((s) => s.admin) })).filter((c) => c.stages.length > 0);
  const stages = calls?.find((c) => c.call.id === callId)?.stages ?? [];
  const countChanged = useCountChanged([['notice-candidates']]);
  const publish = useMutation({
    mutationFn: ({ window: [start, end], selection, ...v }: PublishValues) =>
      noticesApi.publish({ ...v, ...selectionBody(selection, 'applicationIds'), startsAt: shanghaiInstant(start), endsAt: shanghaiInstant(end) }),
    onMutate: errors.clear,
    onSuccess: async (notice) => {
      message.success(t('notices.published'));
      form.resetFields();
      onClose();
      await queryClient.invalidateQueries({ queryKey: ['notices'] });
      void navigate(`/app/notices/${notice.id}`);
    },
    onError: (err) => (countChanged(err) ? form.setFieldValue('selection', NOTHING) : errors.onError(err)),
  });
  const zh = i18n.language !== 'en-US';
  return (
    <Modal
      open={open}
      title={t('notices.publish')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('notices.publishSubmit')}
      okButtonProps={{ 'data-testid': 'notice-submit' }}
      cancelText={t('common.cancel')}
      confirmLoading={publish.isPending}
      destroyOnHidden
      width={760}
    >
      {errors.alert}
      {worked.isError && <Alert type="error" showIcon title={errorMessage(worked.error)} style={{ marginBottom: 12 }} />}
      {calls?.length === 0 && <Alert type="info" showIcon title={t('notices.noStages')} style={{ marginBottom: 12 }} data-testid="notice-nothing" />}
      <Form form={form} name="notice-publish" layout="vertical" initialValues={{ window: defaultWindow() }} onFinish={(v) => publish.mutate(v)} requiredMark="optional">
        <Form.Item name="callId" label={t('notices.call')} rules={[{ required: true, message: t('notices.callRequired') }]}>
          <Select
            loading={worked.isLoading}
            options={calls?.map((c) => ({ value: c.call.id, label: c.call.title }))}
            onChange={(id: string) => form.setFieldsValue({ stageKey: onlyStage(calls?.find((c) => c.call.id === id)), selection: NOTHING })}
            notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notices.noStages')} />}
            data-testid="notice-call"
          />
        </Form.Item>
        {/* A call with one notice stage has it picked; the picker shows only when there is a choice. */}
        <Form.Item name="stageKey" label={t('notices.stage')} rules={[{ required: true, message: t('notices.stageRequired') }]} hidden={stages.length < 2}>
          <Select options={stages.map((s) => ({ value: s.key, label: zh ? s.name : s.nameEn }))} onChange={() => form.setFieldValue('selection', NOTHING)} />
        </Form.Item>
        <Form.Item
          name="selection"
          label={t('notices.applications')}
          initialValue={NOTHING}
          rules={[{ validator: (_, s: Selection | undefined) => (s && selectedCount(s) > 0 ? Promise.resolve() : Promise.reject(new Error(t('notices.applicationsRequired')))) }]}
        >
          {callId && stageKey ? <CandidateTable callId={callId} stageKey={stageKey} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notices.noCandidates')} />}
        </Form.Item>
        <Form.Item name="title" label={t('notices.titleLabel')} rules={[{ required: true, whitespace: true, message: t('notices.titleRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="body" label={t('notices.body')} extra={t('notices.bodyHint')} rules={[{ required: true, min: 10, whitespace: true, message: t('notices.bodyRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 4 }} maxLength={20000} />
        </Form.Item>
        <Form.Item name="window" label={t('notices.window')} extra={t('notices.windowHint')} rules={[{ required: true, message: t('notices.windowRequired') }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The applications waiting at the stage, a server-paged table: tick rows of the page or choose all
 * that wait (every page); a Form.Item control whose value is the selection.
 */
function CandidateTable({ callId, stageKey, value = NOTHING, onChange }: { callId: string; stageKey: string; value?: Selection; onChange?: (s: Selection) => void }) {
  const { t } = useTranslation();
  const [waiting, setWaiting] = useState<Page<Candidate> | null>(null);
  function loaded(page: Page<Candidate>) {
    setWaiting(page);
    // A tick stays while its row is on the page; "all" follows the count the page now shows.
    if ('all' in value) onChange?.(page.total ? { all: page.total } : NOTHING);
    else if (value.ids.some((id) => !page.items.some((c) => c.applicationId === id))) onChange?.({ ids: value.ids.filter((id) => page.items.some((c) => c.applicationId === id)) });
  }
  const onPage = (waiting?.items ?? []).map((c) => c.applicationId);
  return (
    <>
      <SelectionBar selection={value} matching={waiting?.total ?? 0} onChange={(s) => onChange?.(s)} />
      <PagedTable<Candidate, Record<string, never>, Page<Candidate>, { callId: string; stageKey: string }>
        queryKey="notice-candidates"
        list={noticesApi.candidates}
        fixed={{ callId, stageKey }}
        onData={loaded}
        rowKey="applicationId"
        emptyText={t('notices.noCandidates')}
        rowSelection={{
          selectedRowKeys: 'all' in value ? onPage : value.ids,
          getCheckboxProps: () => ({ disabled: 'all' in value }),
          onChange: (keys) => onChange?.({ ids: keys as string[] }),
        }}
        columns={[
          { title: t('notices.spaceName'), key: 'space', sorter: true, render: (_, c) => c.space.name },
          { title: t('notices.operatorName'), key: 'operator', sorter: true, dataIndex: 'operatorName' },
          { title: t('notices.regionName'), key: 'region', sorter: true, dataIndex: 'regionName' },
          { title: t('notices.arrivedAt'), key: 'enteredAt', sorter: true, dataIndex: 'stageEnteredAt', render: formatDateTime },
        ]}
      />
    </>
  );
}

/** 公示管理: the authority's notices with entry and open-objection counts; the admin publishes new ones. */
export default function Notices() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [publishing, setPublishing] = useState(false);
  return (
    <Card
      title={t('notices.title')}
      extra={
        can(me, 'notice.publish') && (
          <Button type="primary" icon={<PlusOutlined />} data-testid="notice-create" onClick={() => setPublishing(true)}>
            {t('notices.publish')}
          </Button>
        )
      }
    >
      {/* A reviewer who works the notice stage reads here; say who acts so the page is no dead end. */}
      {!can(me, 'notice.publish') && (
        <div data-testid="notices-read-only" style={{ marginBottom: 16 }}>
          <Alert type="info" showIcon title={t('notices.readOnly')} />
        </div>
      )}
      <PagedTable<ManagedNoticeSummary>
        queryKey="notices"
        list={noticesApi.list}
        rowKey="id"
        emptyText={t('notices.empty')}
        columns={[
          { title: t('notices.titleLabel'), key: 'title', sorter: true, render: (_, n) => <Link to={`/app/notices/${n.id}`}>{n.title}</Link> },
          { title: t('notices.period'), key: 'startsAt', sorter: true, render: (_, n) => `${formatDateTime(n.startsAt)} – ${formatDateTime(n.endsAt)}` },
          { title: t('notices.statusLabel'), key: 'status', sorter: true, render: (_, n) => <NoticeStatusTag notice={n} /> },
          { title: t('notices.entries'), dataIndex: 'entries' },
          {
            title: t('notices.openObjections'),
            dataIndex: 'openObjections',
            render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : n),
          },
          { title: t('notices.publishedAt'), key: 'publishedAt', sorter: true, dataIndex: 'publishedAt', render: formatDateTime },
        ]}
      />
      <PublishDialog open={publishing} onClose={() => setPublishing(false)} />
    </Card>
  );
}
