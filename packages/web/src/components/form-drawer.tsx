import { Alert, Button, Drawer, Flex } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../lib/use-is-phone';

/**
 * The drawer every create/edit form uses: full width on phones, Cancel and a primary submit in the footer,
 * and the two alerts every save can end in (someone else changed the record; the server refused).
 */
export function FormDrawer(props: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  width: number;
  pending: boolean;
  submitLabel: ReactNode;
  onSubmit: () => void;
  submitTestId: string;
  conflict: boolean;
  error: string | null;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  return (
    <Drawer
      open={props.open}
      onClose={props.onClose}
      title={props.title}
      size={isPhone ? '100%' : props.width}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={props.pending} onClick={props.onSubmit} data-testid={props.submitTestId}>
            {props.submitLabel}
          </Button>
        </Flex>
      }
    >
      {props.conflict && <Alert type="warning" showIcon title={t('errors.versionConflict')} style={{ marginBottom: 16 }} />}
      {props.error && <Alert type="error" showIcon title={props.error} style={{ marginBottom: 16 }} />}
      {props.children}
    </Drawer>
  );
}
