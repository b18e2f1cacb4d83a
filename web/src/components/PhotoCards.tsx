import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Space, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { filesApi } from '../api/files';

/** The words of one photo card (each page's own i18n keys). */
export interface PhotoTexts {
  title: string;
  hint: string;
  upload: string;
  notImage: string;
  added: string;
  removed: string;
  /** Alt text of the n-th photo (from 1). */
  alt: (n: number) => string;
  /** Shown to a reader who may not manage and finds no photo. */
  empty?: string;
  /** With `reorder`: the move buttons and the toast. */
  left?: string;
  right?: string;
  reordered?: string;
}

/**
 * Photos of a record as picture cards (a resource's, a held event's): whoever manages them uploads a
 * JPG or PNG (to the file store, then added to the record), removes one, and where the record keeps
 * an order moves one earlier or later. The server checks type, size and count again.
 */
export function PhotoCards(props: {
  photoIds: string[];
  src: (fileId: string) => string;
  canManage: boolean;
  max: number;
  texts: PhotoTexts;
  add: (fileId: string) => Promise<unknown>;
  remove: (fileId: string) => Promise<unknown>;
  reorder?: (fileIds: string[]) => Promise<unknown>;
  refresh: () => Promise<unknown>;
  testId: string;
  uploadTestId: string;
  style?: React.CSSProperties;
}) {
  const { photoIds, texts, canManage } = props;
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await work();
      message.success(done);
      await props.refresh();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const moved = (from: number, to: number) => {
    const ids = [...photoIds];
    const [id] = ids.splice(from, 1);
    ids.splice(to, 0, id!);
    return ids;
  };
  const fileList: UploadFile[] = photoIds.map((fileId, n) => ({ uid: fileId, name: texts.alt(n + 1), status: 'done', url: props.src(fileId), thumbUrl: props.src(fileId) }));
  const reorder = props.reorder;
  return (
    <Card title={texts.title} size="small" data-testid={props.testId} style={props.style}>
      <Typography.Paragraph type="secondary">{texts.hint}</Typography.Paragraph>
      <Upload
        listType="picture-card"
        accept=".jpg,.jpeg,.png"
        fileList={fileList}
        disabled={!canManage || busy}
        showUploadList={{ showRemoveIcon: canManage, showPreviewIcon: false }}
        beforeUpload={(file) => {
          if (!/\.(jpe?g|png)$/i.test(file.name)) {
            message.error(texts.notImage);
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file }) =>
          void run(async () => {
            const meta = await filesApi.upload(file as File, (file as File).name);
            await props.add(meta.id);
          }, texts.added)
        }
        onRemove={(f) => {
          void run(() => props.remove(f.uid), texts.removed);
          return false;
        }}
        itemRender={(node, f) => {
          const n = photoIds.indexOf(f.uid);
          if (!reorder || !canManage || n < 0) return node;
          return (
            <Flex vertical align="center" gap={2} style={{ width: '100%', height: '100%' }}>
              {node}
              <Space size={0}>
                <Button size="small" type="text" icon={<LeftOutlined />} aria-label={texts.left} title={texts.left} disabled={n === 0 || busy} onClick={() => void run(() => reorder(moved(n, n - 1)), texts.reordered!)} />
                <Button size="small" type="text" icon={<RightOutlined />} aria-label={texts.right} title={texts.right} disabled={n === photoIds.length - 1 || busy} onClick={() => void run(() => reorder(moved(n, n + 1)), texts.reordered!)} />
              </Space>
            </Flex>
          );
        }}
      >
        {canManage && photoIds.length < props.max && (
          <button type="button" style={{ border: 0, background: 'none', cursor: 'pointer' }} data-testid={props.uploadTestId}>
            <PlusOutlined />
            <div style={{ marginTop: 8 }}>{texts.upload}</div>
          </button>
        )}
      </Upload>
      {!canManage && !photoIds.length && texts.empty && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={texts.empty} />}
    </Card>
  );
}
