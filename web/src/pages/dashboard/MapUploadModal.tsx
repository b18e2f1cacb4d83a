import { InboxOutlined } from '@ant-design/icons';
import { Alert, Form, Input, Modal, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uploadDashboardMap } from '../../api/dashboards';
import { useAction } from '../../components/useAction';

/** The largest file read in the browser, as the server's body limit allows (8 MiB). */
const MAX_BYTES = 8 * 1024 * 1024;

/**
 * Uploads a reviewed GeoJSON map of one's jurisdiction with its 审图号: the file is read and parsed
 * here (a file that is not JSON is refused before sending), the server checks every feature's code.
 */
export default function MapUploadModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ approvalNo: string }>();
  const [geojson, setGeojson] = useState<unknown>();
  const [fileName, setFileName] = useState<string>();
  const [fileError, setFileError] = useState<string>();
  const upload = useAction(uploadDashboardMap, [['dashboard'], ['dashboard-map']], (r) => t('dashboard.map.uploaded', { count: r.featureCount }));

  const read = (file: File) => {
    setFileName(file.name);
    setGeojson(undefined);
    if (file.size > MAX_BYTES) {
      setFileError(t('dashboard.map.tooLarge'));
      return false;
    }
    void file.text().then((text) => {
      try {
        setGeojson(JSON.parse(text));
        setFileError(undefined);
      } catch {
        setFileError(t('dashboard.map.notJson'));
      }
    });
    return false;
  };
  const submit = async () => {
    const { approvalNo } = await form.validateFields();
    if (geojson === undefined) {
      setFileError(fileError ?? t('dashboard.map.pickFile'));
      return;
    }
    await upload.mutateAsync({ approvalNo, geojson });
    onClose();
  };

  return (
    <Modal open={open} title={t('dashboard.map.uploadTitle')} onCancel={onClose} onOk={() => void submit()} okText={t('dashboard.map.submit')} confirmLoading={upload.isPending} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('dashboard.map.help')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="approvalNo" label={t('dashboard.map.approvalNoLabel')} rules={[{ required: true, whitespace: true, message: t('dashboard.map.approvalNoRequired') }]}>
          <Input maxLength={64} placeholder="GS(2024)0650号" data-testid="map-approval-input" />
        </Form.Item>
        <Upload.Dragger accept=".json,.geojson,application/geo+json,application/json" maxCount={1} showUploadList={false} beforeUpload={read}>
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{fileName ?? t('dashboard.map.drop')}</p>
        </Upload.Dragger>
        {fileError && <Alert type="error" showIcon message={fileError} style={{ marginTop: 12 }} />}
      </Form>
    </Modal>
  );
}
