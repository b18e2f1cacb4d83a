import { CopyOutlined, SaveOutlined, SendOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * The actions of one version of versioned data (a chain, a rule set, an evaluation scheme): discard
 * and save a draft's edits, publish it once saved, clone any version. `ns` is the page's message
 * namespace, which holds `dirty`, `discard`, `save`, `saveFirst`, `publish` and `clone`.
 */
export function DraftToolbar(p: {
  ns: 'chains' | 'criteria' | 'evaluation';
  editable: boolean;
  dirty: boolean;
  saving: boolean;
  onDiscard: () => void;
  onSave: () => void;
  canPublish: boolean;
  publishing: boolean;
  onPublish: () => void;
  canClone: boolean;
  onClone: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Space wrap>
      {p.editable && p.dirty && <Tag color="orange">{t(`${p.ns}.dirty`)}</Tag>}
      {p.editable && (
        <>
          <Button icon={<UndoOutlined />} disabled={!p.dirty || p.saving} onClick={p.onDiscard}>
            {t(`${p.ns}.discard`)}
          </Button>
          <Button type="primary" icon={<SaveOutlined />} disabled={!p.dirty} loading={p.saving} onClick={p.onSave}>
            {t(`${p.ns}.save`)}
          </Button>
        </>
      )}
      {p.canPublish && (
        <Tooltip title={p.dirty ? t(`${p.ns}.saveFirst`) : undefined}>
          <Button icon={<SendOutlined />} disabled={p.dirty} loading={p.publishing} onClick={p.onPublish}>
            {t(`${p.ns}.publish`)}
          </Button>
        </Tooltip>
      )}
      {p.canClone && (
        <Button icon={<CopyOutlined />} onClick={p.onClone}>
          {t(`${p.ns}.clone`)}
        </Button>
      )}
    </Space>
  );
}
