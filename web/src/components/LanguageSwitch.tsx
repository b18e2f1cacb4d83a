import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, LANGUAGE_NAMES, setLanguage } from '../i18n';

/** Toggles between the two UI languages; the button names the language it switches to. */
export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { t } = useTranslation();
  const next = currentLanguage() === 'zh-CN' ? 'en-US' : 'zh-CN';
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      title={t('layout.switchLanguage')}
      style={dark ? { color: '#fff' } : undefined}
      onClick={() => void setLanguage(next)}
    >
      {LANGUAGE_NAMES[next]}
    </Button>
  );
}
