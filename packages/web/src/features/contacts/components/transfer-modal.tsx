import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { TransferContactSchema, type Contact } from '@kairos/domain/contacts';
import { ApiError } from '../../../lib/api';
import { TransferModal as SharedTransferModal } from '../../../components/transfer-modal';
import { useTransferContact } from '../api';

/**
 * Hands one contact to a colleague (转交), with an optional note for the history; the colleague is notified.
 * A colleague who could not see the contact's customer is refused on the picker (422 owner_cannot_see);
 * a contact changed meanwhile (409) closes the modal with a warning and the list reloads.
 */
export function TransferModal({ contact, onClose }: { contact: Contact | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const transfer = useTransferContact();
  return (
    <SharedTransferModal
      open={contact !== null}
      title={t('contactsExtra.transfer.title')}
      description={t('contactsExtra.transfer.desc', { name: contact?.name ?? '' })}
      ownerId={contact?.ownerId ?? null}
      schema={TransferContactSchema}
      bodyOf={(values) => ({ version: contact?.version, toUserId: values.toUserId, note: values.note })}
      transfer={(body) => transfer.mutateAsync({ id: contact?.id ?? '', body })}
      pending={transfer.isPending}
      onClose={onClose}
      onTransferred={(name) => void message.success(t('contactsExtra.transfer.done', { name }))}
      onError={(err) => {
        if (!(err instanceof ApiError && err.is('version_conflict'))) return false;
        void message.warning(t('errors.versionConflict'));
        return true;
      }}
    />
  );
}
