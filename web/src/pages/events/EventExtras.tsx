import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, Image, Input, InputNumber, Modal, Radio, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { type Answers, type EventDetail, eventKeys, eventLinks, eventsApi, type FormField, type FormFieldBody, type SignupRow } from '../../api/events';
import { PhotoCards } from '../../components/PhotoCards';

const FIELD_TYPES = ['text', 'number', 'single', 'multi', 'yesno'] as const;
/** Mirrors the server's MAX_EVENT_PHOTOS; the server refuses more anyway. */
const MAX_PHOTOS = 12;

/** An answer as the staff read it in the sign-up list. */
export function AnswersText({ answers }: { answers: SignupRow['answers'] }) {
  const { t } = useTranslation();
  const show = (v: SignupRow['answers'][number]['value']) => (typeof v === 'boolean' ? t(v ? 'events.extras.yes' : 'events.extras.no') : Array.isArray(v) ? v.join('、') : String(v));
  if (!answers.length) return <>—</>;
  return (
    <Space direction="vertical" size={0} data-testid="signup-answers">
      {answers.map((a) => (
        <span key={a.key}>
          {a.labelZh}：{show(a.value)}
        </span>
      ))}
    </Space>
  );
}

/**
 * 报名表: staff list the questions (type, label, required, choices); each kept question sends its key
 * back, so answers already given stay with it.
 */
export function SignupFormEditor({ event, onClose }: { event: EventDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ fields: FormFieldBody[] }>();
  const [saving, setSaving] = useState(false);
  async function save() {
    const { fields = [] } = await form.validateFields();
    setSaving(true);
    try {
      await eventsApi.setForm(event.id, { fields: fields.map((f) => ({ ...f, options: f.type === 'single' || f.type === 'multi' ? f.options : undefined })), revision: event.revision });
      message.success(t('events.extras.formSaved'));
      await queryClient.invalidateQueries({ queryKey: [eventKeys.event] });
      onClose();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }
  return (
    <Modal open width={760} title={t('events.extras.formEdit')} confirmLoading={saving} onOk={() => void save()} onCancel={onClose}>
      <Typography.Paragraph type="secondary">{t('events.extras.formHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ fields: event.signupForm }}>
        <Form.List name="fields">
          {(items, { add, remove }) => (
            <>
              {items.map(({ key, name }) => (
                <Flex key={key} gap={8} align="start" wrap data-testid="form-field">
                  <Form.Item name={[name, 'key']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[name, 'labelZh']} label={t('events.extras.label')} rules={[{ required: true, message: t('events.extras.label') }]} style={{ width: 220 }}>
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item name={[name, 'type']} label={t('events.extras.type')} style={{ width: 120 }}>
                    <Select options={FIELD_TYPES.map((v) => ({ value: v, label: t(`events.extras.types.${v}`) }))} />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() => {
                      const type = form.getFieldValue(['fields', name, 'type']) as FormField['type'];
                      return type === 'single' || type === 'multi' ? (
                        <Form.Item name={[name, 'options']} label={t('events.extras.options')} style={{ width: 240 }}>
                          <Select mode="tags" open={false} tokenSeparators={['，', ',']} />
                        </Form.Item>
                      ) : null;
                    }}
                  </Form.Item>
                  <Form.Item name={[name, 'required']} label={t('events.extras.required')} valuePropName="checked">
                    <Switch />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('events.extras.removeField')} style={{ marginTop: 30 }} onClick={() => remove(name)} />
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ type: 'text', labelZh: '', required: false, options: [] })}>
                {t('events.extras.addField')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** The event's sign-up form as fields a maker fills in; a required question is marked, the server checks each answer. */
export function SignupAnswersModal({ title, fields, busy, onSubmit, onClose }: { title: string; fields: FormField[]; busy: boolean; onSubmit: (answers: Answers) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Answers>();
  const input = (f: FormField) => {
    switch (f.type) {
      case 'number':
        return <InputNumber style={{ width: 160 }} />;
      case 'single':
        return <Radio.Group options={f.options} />;
      case 'multi':
        return <Select mode="multiple" options={f.options.map((o) => ({ value: o, label: o }))} />;
      case 'yesno':
        return (
          <Radio.Group
            options={[
              { value: true, label: t('events.extras.yes') },
              { value: false, label: t('events.extras.no') },
            ]}
          />
        );
      default:
        return <Input maxLength={500} />;
    }
  };
  return (
    <Modal open title={`${t('events.extras.fillForm')}：${title}`} confirmLoading={busy} onCancel={onClose} onOk={() => void form.validateFields().then((v) => onSubmit(Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null)) as Answers))}>
      <Form form={form} layout="vertical">
        {fields.map((f) => (
          <Form.Item key={f.key} name={f.key} label={f.labelZh} rules={f.required ? [{ required: true, message: t('events.extras.answerRequired', { label: f.labelZh }) }] : []}>
            {input(f)}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

/** A held event's photos on the public record, each opening a larger preview. */
export function ActivityPhotos({ id, title, photoIds, size = 88 }: { id: string; title: string; photoIds: string[]; size?: number }) {
  const { t } = useTranslation();
  if (!photoIds.length) return null;
  return (
    <Image.PreviewGroup>
      <Flex wrap gap={8} data-testid="activity-photos">
        {photoIds.map((fileId, n) => (
          <Image key={fileId} src={eventLinks.publicPhoto(id, fileId)} alt={t('events.extras.photoAlt', { title, n: n + 1 })} width={size} height={size} style={{ objectFit: 'cover', borderRadius: 4 }} />
        ))}
      </Flex>
    </Image.PreviewGroup>
  );
}

/** After the event: staff upload JPG/PNG photos (to the file store, then added to the event), remove one or move one earlier or later (the public record's order). */
export function EventPhotosCard({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <PhotoCards
      photoIds={event.photoIds}
      src={(fileId) => eventLinks.photo(event.id, fileId)}
      canManage
      max={MAX_PHOTOS}
      texts={{
        title: t('events.extras.photos'),
        hint: t('events.extras.photosHint'),
        upload: t('events.extras.upload'),
        notImage: t('events.extras.notImage'),
        added: t('events.extras.photoAdded'),
        removed: t('events.extras.photoRemoved'),
        alt: (n) => t('events.extras.photoAlt', { title: event.title, n }),
        left: t('events.extras.photoLeft'),
        right: t('events.extras.photoRight'),
        reordered: t('events.extras.photosReordered'),
      }}
      add={(fileId) => eventsApi.addPhoto(event.id, fileId)}
      remove={(fileId) => eventsApi.removePhoto(event.id, fileId)}
      reorder={(fileIds) => eventsApi.reorderPhotos(event.id, fileIds)}
      refresh={() => queryClient.invalidateQueries({ queryKey: [eventKeys.event] })}
      testId="event-photos"
      uploadTestId="event-photo-upload"
      style={{ marginTop: 16 }}
    />
  );
}
