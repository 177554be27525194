import { Alert, App, Button, Flex, Input, Modal, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, ExportOutlined, LockOutlined, MessageOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateMatch } from '@kairos/domain/customers';
import { AskOwnerRequestSchema, AskOwnerResultSchema, type AskOwnerRequest } from '@kairos/domain/notifications';
import { ApiError, request } from '../lib/api';
import { useErrorText } from '../lib/errors';

// ---------- "ask the owner": who was asked, in this page's life ----------

/**
 * The owners asked about a customer, kept for the page's life: the same match shows in the live warning,
 * the refused save and the confirmation, and each check hands out a fresh `askRef`, so a match is known
 * by what stays the same — its owner and the (possibly masked) name. The value is what to tell on hover.
 */
const asked = new Map<string, string>();
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function markAsked(key: string, note: string): void {
  asked.set(key, note);
  for (const listener of listeners) listener();
}

function askedKeyOf(match: DuplicateMatch): string {
  return `${match.owner?.id ?? ''}|${match.id ?? ''}|${match.name}`;
}

function useAskOwner() {
  return useMutation({
    mutationFn: (body: AskOwnerRequest) => request('/api/duplicates/ask-owner', { method: 'POST', body, schema: AskOwnerResultSchema }),
  });
}

/**
 * "询问负责人": tells the owner of a customer the duplicate check found (one the user may not even see)
 * that the user wants to work on it, with an optional message. Once asked — or told they already asked
 * today — the button stays "asked".
 */
function AskOwnerButton({ match, askRef }: { match: DuplicateMatch; askRef: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const key = askedKeyOf(match);
  const askedNote = useSyncExternalStore(subscribe, () => asked.get(key));
  const ask = useAskOwner();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ownerName = match.owner?.name;

  if (askedNote !== undefined)
    return (
      <Tooltip title={askedNote}>
        <Button size="small" icon={<CheckOutlined />} disabled data-testid="ask-owner-done">
          {t('askOwner.asked')}
        </Button>
      </Tooltip>
    );

  const start = () => {
    setText(t('askOwner.suggestion'));
    setError(null);
    setOpen(true);
  };

  const send = () => {
    setError(null);
    const parsed = AskOwnerRequestSchema.safeParse({ ref: askRef, message: text.trim() || undefined });
    if (!parsed.success) return;
    ask.mutate(parsed.data, {
      onSuccess: (result) => {
        const name = result.ownerName || ownerName;
        const note = name ? t('askOwner.sent', { name }) : t('askOwner.sentNoName');
        markAsked(key, note);
        setOpen(false);
        void message.success(note);
      },
      onError: (err) => {
        if (err instanceof ApiError && err.is('already_asked')) {
          const note = errorText(err);
          markAsked(key, note);
          setOpen(false);
          void message.warning(note);
          return;
        }
        // An expired check (a form left open overnight) says to check again; anything else as the server says.
        const expired = err instanceof ApiError && err.problem.fields?.some((f) => f.path === 'ref');
        setError(expired ? t('askOwner.expired') : errorText(err));
      },
    });
  };

  return (
    <>
      <Button size="small" icon={<MessageOutlined />} onClick={start} data-testid="ask-owner">
        {t('askOwner.button')}
      </Button>
      <Modal
        open={open}
        title={t('askOwner.title')}
        onCancel={() => setOpen(false)}
        onOk={send}
        okText={t('askOwner.send')}
        cancelText={t('common.cancel')}
        confirmLoading={ask.isPending}
        destroyOnHidden
        width={440}
        data-testid="ask-owner-modal"
      >
        <Typography.Paragraph type="secondary">{ownerName ? t('askOwner.intro', { name: ownerName }) : t('askOwner.introNoName')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="ask-owner-error" />}
        <label htmlFor="ask-owner-message" style={{ display: 'block', marginBottom: 6 }}>
          {t('askOwner.message')}
          <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
            ({t('common.optional')})
          </Typography.Text>
        </label>
        <Input.TextArea
          // The count sits under the box; keep it clear of the dialog's buttons.
          style={{ marginBottom: 20 }}
          id="ask-owner-message"
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoSize={{ minRows: 3, maxRows: 6 }}
          maxLength={500}
          showCount
          data-testid="ask-owner-message"
        />
      </Modal>
    </>
  );
}

/**
 * The records a duplicate check found (customers or contacts). Ones the user may read link to the record
 * when `hrefOf` gives a link (in a new tab, so a half-filled form is not lost); the others show only the
 * masked name, the owner and that it is protected. When someone else owns the customer, the user can ask
 * them to work on it together ("询问负责人").
 */
export function DuplicateMatchList({ matches, hrefOf }: { matches: readonly DuplicateMatch[]; hrefOf?: (match: DuplicateMatch) => string | null }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8} data-testid="duplicate-matches" style={{ marginTop: 6 }}>
      {matches.map((match, index) => (
        <div key={match.id ?? `masked-${index}`} className="kairos-dup-match" data-testid="duplicate-match">
          <Flex align="center" gap={8} wrap>
            {match.visible && match.id && hrefOf?.(match) ? (
              // A plain link, not the router's: this list is also shown in confirmation dialogs, which antd
              // renders outside the router; and a new tab keeps the half-filled form.
              <a href={hrefOf?.(match) ?? undefined} target="_blank" rel="noopener">
                <Typography.Text strong style={{ color: 'inherit' }}>
                  {match.name}
                </Typography.Text>{' '}
                <ExportOutlined style={{ fontSize: 12 }} aria-label={t('customers.dup.open')} />
              </a>
            ) : (
              <Typography.Text strong data-testid={match.visible ? undefined : 'duplicate-masked-name'}>
                {match.name}
              </Typography.Text>
            )}
            {match.protected && (
              <Tag icon={<LockOutlined />} color="gold" style={{ marginInlineEnd: 0 }}>
                {t('customers.dup.protected')}
              </Tag>
            )}
            {match.askRef && (
              <span style={{ marginInlineStart: 'auto' }}>
                <AskOwnerButton match={match} askRef={match.askRef} />
              </span>
            )}
          </Flex>
          <Flex gap={12} wrap style={{ fontSize: 13, marginTop: 2 }}>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              <UserOutlined style={{ marginInlineEnd: 4 }} />
              {match.owner ? t('customers.dup.owner', { name: match.owner.name }) : t('customers.dup.noOwner')}
            </Typography.Text>
            {match.matchedOn.length > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t('customers.dup.matchedOn')}
                {match.matchedOn.map((key) => t(`customers.dup.on.${key}`)).join(' · ')}
              </Typography.Text>
            )}
          </Flex>
          {!match.visible && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 2 }}>
              {t('customers.dup.maskedHint')}
            </Typography.Text>
          )}
        </div>
      ))}
    </Flex>
  );
}
