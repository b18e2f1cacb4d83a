import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Breadcrumb, Button, Card, Form, Input, Modal, Select, Table, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { noticesApi, type PublicNotice } from '../../api/notices';
import { PageSpinner } from '../../components/PageSpinner';
import { QueryError } from '../../components/QueryError';
import { useFormErrors } from '../../components/useFormErrors';
import { NoticeFacts } from '../notices/parts';
import { PortalFrame } from './PortalFrame';

interface ObjectionValues {
  entryId: string;
  name: string;
  contact: string;
  grounds: string;
  evidence?: UploadFile[];
}

/** The same shapes the server checks (mainland mobile or a simple e-mail), so most mistakes show at once. */
const CONTACT = /^(?:(?:\+86|0086)?[\s-]*1[3-9](?:[\s-]*\d){9}|[^\s@]+@[^\s@]+\.[^\s@]+)$/;

/** 提出异议: real name, contact, grounds and optional evidence; the authority alone sees them. */
function ObjectionDialog({ notice, open, onClose }: { notice: PublicNotice; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ObjectionValues>();
  const errors = useFormErrors(form);
  const file = useMutation({
    mutationFn: ({ evidence, ...fields }: ObjectionValues) => noticesApi.object(notice.id, fields, evidence?.[0]?.originFileObj),
    onMutate: errors.clear,
    onSuccess: () => {
      message.success(t('notices.objectionFiled'));
      form.resetFields();
      onClose();
    },
    onError: errors.onError,
  });
  return (
    <Modal
      open={open}
      title={t('notices.objectTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('notices.objectSubmit')}
      okButtonProps={{ 'data-testid': 'objection-submit' }}
      cancelText={t('common.cancel')}
      confirmLoading={file.isPending}
      destroyOnHidden
      width={640}
    >
      <Alert type="info" showIcon title={t('notices.objectHint')} style={{ marginBottom: 16 }} />
      {errors.alert}
      <Form form={form} name="objection" layout="vertical" onFinish={(v) => file.mutate(v)} requiredMark="optional" initialValues={{ entryId: notice.entries.length === 1 ? notice.entries[0]!.id : undefined }}>
        <Form.Item name="entryId" label={t('notices.objectEntry')} rules={[{ required: true, message: t('notices.objectEntryRequired') }]}>
          <Select options={notice.entries.map((e) => ({ value: e.id, label: `${e.position}. ${e.spaceName}（${e.operatorName}）` }))} />
        </Form.Item>
        <Form.Item name="name" label={t('notices.objectName')} rules={[{ required: true, whitespace: true, min: 2, message: t('notices.objectNameRequired') }]}>
          <Input maxLength={50} autoComplete="name" />
        </Form.Item>
        <Form.Item name="contact" label={t('notices.objectContact')} rules={[{ required: true, pattern: CONTACT, message: t('notices.objectContactRule') }]}>
          <Input maxLength={100} autoComplete="tel" />
        </Form.Item>
        <Form.Item name="grounds" label={t('notices.grounds')} rules={[{ required: true, whitespace: true, min: 10, max: 2000, message: t('notices.groundsRule') }]}>
          <Input.TextArea autoSize={{ minRows: 4 }} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="evidence" label={t('notices.evidence')} extra={t('notices.evidenceHint')} valuePropName="fileList" getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}>
          {/* Kept in the form and sent with the objection, not uploaded on its own. */}
          <Upload beforeUpload={() => false} maxCount={1} accept=".pdf,.jpg,.jpeg,.png">
            <Button icon={<UploadOutlined />}>{t('notices.evidencePick')}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One notice as published: text, entries (names of space, operator and region only), and the objection form while it runs. */
export default function PublicNoticeDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: ['public-notice', id], queryFn: () => noticesApi.publicGet(id) });
  const [objecting, setObjecting] = useState(false);
  const notice = query.data;
  return (
    <PortalFrame>
      <Breadcrumb
        style={{ marginBottom: 16 }}
        items={[{ title: <Link to="/">{t('notices.portalHome')}</Link> }, { title: <Link to="/portal/notices">{t('portal.notices')}</Link> }, { title: notice?.title ?? '' }]}
      />
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : !notice ? (
        <PageSpinner />
      ) : (
        <Card
          title={
            <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
              {notice.title}
            </Typography.Title>
          }
          extra={
            notice.running && (
              <Button type="primary" data-testid="objection-open" onClick={() => setObjecting(true)}>
                {t('notices.object')}
              </Button>
            )
          }
        >
          <NoticeFacts notice={notice} />
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            // On a phone the table scrolls inside its card instead of widening the page.
            scroll={{ x: 'max-content' }}
            dataSource={notice.entries}
            columns={[
              { title: '#', dataIndex: 'position', width: 48 },
              { title: t('notices.spaceName'), dataIndex: 'spaceName' },
              { title: t('notices.operatorName'), dataIndex: 'operatorName' },
              { title: t('notices.regionName'), dataIndex: 'regionName' },
            ]}
          />
          {!notice.running && <Alert type="info" showIcon style={{ marginTop: 16 }} title={t('notices.notRunning')} />}
          <ObjectionDialog notice={notice} open={objecting} onClose={() => setObjecting(false)} />
        </Card>
      )}
    </PortalFrame>
  );
}
