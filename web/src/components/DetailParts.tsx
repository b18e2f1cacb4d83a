import { UploadOutlined } from '@ant-design/icons';
import { type QueryKey, type UseQueryResult, useQueryClient } from '@tanstack/react-query';
import { App, Breadcrumb, Button, Card, Descriptions, Empty, Flex, Form, Input, List, Modal, Table, type TableProps, Upload } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { filesApi } from '../api/files';
import { QueryError } from './QueryError';
import type { useFormErrors } from './useFormErrors';

/**
 * The parts a record judged by a panel shows on its page (a roadshow call, a crowd challenge): the
 * header with its state and moves, the panel, the team's own entry, the reason a move asks for,
 * the files of an entry and the frame of the entries' table.
 */

/**
 * The trail back to the list the page was opened from (the path without its last part) and the
 * record's card: title, state tag, moves, terms (`children`) and, for those who may see it, the panel.
 */
export function DetailHeader(props: {
  backLabel: string;
  title: string;
  titleTestId: string;
  tag: ReactNode;
  actions: ReactNode;
  panel: { displayName: string; orgName: string }[];
  panelLabel: string;
  children: ReactNode;
}) {
  const base = useLocation().pathname.replace(/\/[^/]+$/, '');
  return (
    <>
      <Breadcrumb items={[{ title: <Link to={base}>{props.backLabel}</Link> }, { title: props.title }]} />
      <Card
        title={
          <Flex gap={8} align="center">
            <span data-testid={props.titleTestId}>{props.title}</span>
            {props.tag}
          </Flex>
        }
        extra={props.actions}
      >
        {props.children}
        {props.panel.length > 0 && (
          <Descriptions size="small" style={{ marginTop: 16 }}>
            <Descriptions.Item label={props.panelLabel}>{props.panel.map((p) => `${p.displayName}（${p.orgName}）`).join('、')}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
    </>
  );
}

/** The team's own entry (application, solution), opened in its drawer. */
export function OwnEntryCard({ title, label, testId, onOpen }: { title: string; label: string; testId: string; onOpen: () => void }) {
  return (
    <Card title={title}>
      <Button onClick={onOpen} data-testid={testId}>
        {label}
      </Button>
    </Card>
  );
}

/** A move that must say why (cancel a call, close a challenge); closes once the move is done. */
export function ReasonModal(props: {
  title: string;
  label: string;
  requiredMessage: string;
  action: { mutate: (reason: string, options: { onSuccess: () => void }) => void; isPending: boolean };
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal open title={props.title} onCancel={props.onClose} onOk={() => form.submit()} confirmLoading={props.action.isPending}>
      <Form form={form} layout="vertical" onFinish={(v) => props.action.mutate(v.reason, { onSuccess: props.onClose })}>
        <Form.Item name="reason" label={props.label} rules={[{ required: true, message: props.requiredMessage }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * Sends an entry's form (submit, edit, score): says `done` and refreshes the `invalidate` lists, or
 * shows the server's refusal by the form's fields; `busy` while it is on its way.
 */
export function useEntrySubmit<V>(errors: ReturnType<typeof useFormErrors>, run: (values: V) => Promise<unknown>, done: string, invalidate: QueryKey[]) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const submit = async (values: V) => {
    setBusy(true);
    errors.clear();
    try {
      await run(values);
      message.success(done);
      await Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    } catch (err) {
      errors.onError(err);
    } finally {
      setBusy(false);
    }
  };
  return { submit, busy };
}

/** The files a team attached to an entry it is writing: each uploaded when chosen, the form sends their ids. */
export function useEntryFiles(onError: (err: unknown) => void, initial: { id: string; name: string }[] = []) {
  const [files, setFiles] = useState(initial);
  const upload = async (file: File) => {
    try {
      const meta = await filesApi.upload(file, file.name);
      setFiles((f) => [...f, { id: meta.id, name: meta.originalName }]);
    } catch (err) {
      onError(err);
    }
  };
  const remove = (id: string) => setFiles((all) => all.filter((x) => x.id !== id));
  return { files, upload, remove };
}

/** The form item choosing an entry's files, listing those attached so far with a way to take one off. */
export function EntryFilesField({ files, label, uploadLabel, removeLabel, uploadTestId }: { files: ReturnType<typeof useEntryFiles>; label: string; uploadLabel: string; removeLabel: string; uploadTestId?: string }) {
  return (
    <Form.Item label={label}>
      <Upload accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.zip" multiple showUploadList={false} beforeUpload={(f) => (void files.upload(f), false)}>
        <Button icon={<UploadOutlined />} data-testid={uploadTestId}>
          {uploadLabel}
        </Button>
      </Upload>
      <List
        size="small"
        dataSource={files.files}
        renderItem={(f) => (
          <List.Item
            actions={[
              <a key="x" onClick={() => files.remove(f.id)}>
                {removeLabel}
              </a>,
            ]}
          >
            {f.name}
          </List.Item>
        )}
      />
    </Form.Item>
  );
}

/** An entry's files as download links (the download is audited on the server), or a dash. */
export function FileLinks({ files, href }: { files: { id: string; originalName: string }[]; href: (fileId: string) => string }) {
  if (!files.length) return '—';
  return files.map((f) => (
    <div key={f.id}>
      <a href={href(f.id)}>{f.originalName}</a>
    </div>
  ));
}

/** The card of the entries a panel judges: their table, why it is empty, or the error with a retry. */
export function EntriesCard<T extends object>({
  title,
  extra,
  query,
  empty,
  ...table
}: { title: string; extra?: ReactNode; query: UseQueryResult<{ items: T[] }>; empty: string; rowKey: string; 'data-testid': string } & Pick<TableProps<T>, 'columns' | 'pagination' | 'onChange'>) {
  return (
    <Card title={title} extra={extra}>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<T> {...table} loading={query.isFetching} dataSource={query.data?.items} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }} />
      )}
    </Card>
  );
}
