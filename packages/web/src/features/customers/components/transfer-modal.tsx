import { Checkbox, Flex, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { TransferCustomerSchema, type Customer } from '@kairos/domain/customers';
import { TransferModal as SharedTransferModal } from '../../../components/transfer-modal';
import { useTransferCustomer } from '../api';

/**
 * Hands a customer to a colleague, with an optional note for the history. Its open deals and its
 * contacts go along unless unticked (the usual case when a rep leaves or a region changes hands).
 */
export function TransferModal({
  customer,
  open,
  onClose,
  onTransferred,
  onError,
}: {
  customer: Customer;
  open: boolean;
  onClose: () => void;
  onTransferred: (toName: string) => void;
  /** Errors the modal cannot show on a field (a version conflict, say); it closes first. */
  onError: (error: unknown) => boolean;
}) {
  const { t } = useTranslation();
  const transfer = useTransferCustomer();
  return (
    <SharedTransferModal
      open={open}
      title={t('customers.transfer.title')}
      description={t('customers.transfer.desc', { name: customer.name })}
      ownerId={customer.ownerId}
      schema={TransferCustomerSchema}
      initialValues={{ moveOpenOpportunities: true, moveContacts: true }}
      bodyOf={(values) => ({
        version: customer.version,
        toUserId: values.toUserId,
        note: values.note,
        moveOpenOpportunities: values.moveOpenOpportunities !== false,
        moveContacts: values.moveContacts !== false,
      })}
      transfer={(body) => transfer.mutateAsync({ id: customer.id, body })}
      pending={transfer.isPending}
      extra={
        <Flex vertical gap={4} data-testid="transfer-options">
          <Form.Item name="moveOpenOpportunities" valuePropName="checked" noStyle>
            <Checkbox data-testid="transfer-move-opportunities">{t('customers.transfer.moveOpenOpportunities')}</Checkbox>
          </Form.Item>
          <Form.Item name="moveContacts" valuePropName="checked" noStyle>
            <Checkbox data-testid="transfer-move-contacts">{t('customers.transfer.moveContacts')}</Checkbox>
          </Form.Item>
        </Flex>
      }
      onClose={onClose}
      onTransferred={onTransferred}
      onError={onError}
    />
  );
}
