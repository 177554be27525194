import { App, Button, Flex, Input, Space } from 'antd';
import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../lib/use-is-phone';

const MONO = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' };

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain-HTTP self-hosted installs have no Clipboard API; the old selection route still works there.
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy failed');
}

/** A read-only value (a secret, a link) with a copy button next to it. */
export function CopyField({ value, copyLabel, copiedMessage, testId }: { value: string; copyLabel?: string; copiedMessage?: string; testId?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [copied, setCopied] = useState(false);
  const isPhone = useIsPhone();
  const button = (
    <Button
      type="primary"
      icon={copied ? <CheckOutlined /> : <CopyOutlined />}
      onClick={() => {
        copyText(value).then(
          () => {
            setCopied(true);
            void message.success(copiedMessage ?? t('common.copied'));
          },
          () => void message.error(t('errors.unexpected')),
        );
      }}
    >
      {copied ? t('common.copied') : (copyLabel ?? t('common.copy'))}
    </Button>
  );
  // On a phone a one-line field would hide most of a long secret: show it whole, button below.
  if (isPhone)
    return (
      <Flex vertical gap={8}>
        <Input.TextArea readOnly value={value} data-testid={testId} autoSize onFocus={(e) => e.target.select()} style={{ ...MONO, wordBreak: 'break-all' }} />
        {button}
      </Flex>
    );
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input readOnly value={value} data-testid={testId} onFocus={(e) => e.target.select()} style={MONO} />
      {button}
    </Space.Compact>
  );
}
