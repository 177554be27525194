import { Button, Flex, Progress, Select, Tag, Tooltip, Typography, Upload } from 'antd';
import { CheckCircleFilled, CloseOutlined, FileOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileCategory, StoredFile } from '@kairos/domain/files';
import type { FollowUp } from '@kairos/domain/followups';
import { ApiError } from '../lib/api';
import { useErrorText } from '../lib/errors';
import { ACCEPTED_EXTENSIONS, categoryLabel, fileContentUrl, filesKey, formatFileSize, isAllowedFileName, useDeleteFile } from '../lib/files';
import { attachmentErrors, attachmentRoom, MAX_ATTACHMENTS, uploadAttachment, uploadedFileIds, type PendingAttachment } from '../lib/followups';
import { useLocale } from '../lib/i18n/i18n';
import { useIsPhone } from '../lib/use-is-phone';

let sequence = 0;

/**
 * The attachments being added to a follow-up: each picked file is uploaded to the record at once (with
 * its progress), so saving the follow-up only names them (`fileIds`). Removing one deletes the upload;
 * so does leaving the form without saving (`discard`), so an abandoned follow-up leaves no stray files.
 */
export function useFollowUpAttachments(target: { type: FollowUp['targetType']; id: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const remove = useDeleteFile();
  const [pending, setPendingState] = useState<PendingAttachment[]>([]);
  const [serverErrors, setServerErrors] = useState<Map<string, string>>(new Map());
  // The list as of the last change, for decisions made between renders (several files picked at once).
  const current = useRef<PendingAttachment[]>([]);
  const uploads = useRef(new Map<string, AbortController>());

  const setPending = useCallback((next: (list: PendingAttachment[]) => PendingAttachment[]) => {
    current.current = next(current.current);
    setPendingState(current.current);
  }, []);
  const patch = (key: string, value: PendingAttachment) => setPending((list) => list.map((p) => (p.key === key ? value : p)));

  /** Starts uploading a picked file under `category`; false when there is no room for it. */
  const add = (file: File, category: string, existing: number): boolean => {
    if (attachmentRoom(existing, current.current) === 0) return false;
    sequence += 1;
    const key = `attachment-${sequence}`;
    const base = { key, name: file.name, size: file.size, category };
    if (!isAllowedFileName(file.name)) {
      setPending((list) => [...list, { ...base, state: 'failed', error: t('files.typeNotAllowed', { name: file.name }) }]);
      return true;
    }
    setPending((list) => [...list, { ...base, state: 'uploading', progress: 0 }]);
    const controller = new AbortController();
    uploads.current.set(key, controller);
    uploadAttachment({ targetType: target.type, targetId: target.id, category, name: file.name }, file, {
      signal: controller.signal,
      onProgress: (share) => patch(key, { ...base, state: 'uploading', progress: Math.min(99, Math.round(share * 100)) }),
    }).then(
      (stored) => {
        uploads.current.delete(key);
        patch(key, { ...base, state: 'done', file: stored });
        void queryClient.invalidateQueries({ queryKey: filesKey });
      },
      (err: unknown) => {
        uploads.current.delete(key);
        if (err instanceof DOMException && err.name === 'AbortError') return;
        // The server's own words for a refused file: the field message (type, content) or the detail (too large).
        const message = (err instanceof ApiError && err.problem.fields?.[0]?.message) || errorText(err);
        patch(key, { ...base, state: 'failed', error: message });
      },
    );
    return true;
  };

  const drop = (attachment: PendingAttachment) => {
    uploads.current.get(attachment.key)?.abort();
    uploads.current.delete(attachment.key);
    if (attachment.state === 'done') remove.mutate(attachment.file.id);
    setPending((list) => list.filter((p) => p.key !== attachment.key));
    setServerErrors((errors) => {
      const next = new Map(errors);
      next.delete(attachment.key);
      return next;
    });
  };

  return {
    pending,
    serverErrors,
    uploading: pending.some((p) => p.state === 'uploading'),
    fileIds: uploadedFileIds(pending),
    add,
    remove: drop,
    /** Marks the attachments a refused save was about (`fileIds.<i>` field errors); true if any. */
    showServerErrors: (error: unknown): boolean => {
      const errors = error instanceof ApiError ? attachmentErrors(current.current, error.problem.fields ?? []) : new Map<string, string>();
      setServerErrors(errors);
      return errors.size > 0;
    },
    /** Forgets the list (the follow-up was saved with them, or the form opened afresh). */
    reset: () => {
      setPending(() => []);
      setServerErrors(new Map());
    },
    /** Leaving without saving: stops the uploads and deletes the finished ones. */
    discard: () => {
      for (const p of current.current) drop(p);
    },
  };
}

export type FollowUpAttachmentsState = ReturnType<typeof useFollowUpAttachments>;

function AttachmentRow({ name, size, children, error, testId }: { name: ReactNode; size: number; children: ReactNode; error?: string; testId: string }) {
  return (
    <div data-testid={testId} style={{ paddingBlock: 6, borderTop: '1px solid #f0f0f0' }}>
      <Flex gap={8} align="center">
        <FileOutlined style={{ color: '#8c8c8c', flex: 'none' }} />
        <div style={{ minWidth: 0, flex: 1 }}>
          <Typography.Text ellipsis style={{ display: 'block' }}>
            {name}
          </Typography.Text>
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }}>
          {formatFileSize(size)}
        </Typography.Text>
        {children}
      </Flex>
      {error && (
        <Typography.Text type="danger" style={{ display: 'block', fontSize: 12, marginInlineStart: 22 }} data-testid="followup-attachment-error">
          {error}
        </Typography.Text>
      )}
    </div>
  );
}

/**
 * The attachments area of the follow-up form: a category (the workspace's file categories, as on the
 * files card) and a picker; each file with its upload progress, a way to remove it, and what the server
 * said about it. Files already on the follow-up (when correcting one) are listed as attached.
 */
export function FollowUpAttachments({
  state,
  existing,
  categories,
  category,
  onCategoryChange,
  disabled,
}: {
  state: FollowUpAttachmentsState;
  existing: readonly StoredFile[];
  categories: readonly FileCategory[] | undefined;
  category: string | undefined;
  onCategoryChange: (key: string) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const isPhone = useIsPhone();
  const room = attachmentRoom(existing.length, state.pending);
  const categoryOptions = (categories ?? []).map((c) => ({ value: c.key, label: locale === 'en' ? c.labelEn : c.labelZh }));

  return (
    <Flex vertical gap={8} data-testid="followup-attachments">
      <Flex gap={8} wrap align="center">
        <Select
          value={category}
          onChange={onCategoryChange}
          options={categoryOptions}
          placeholder={t('files.categoryPlaceholder')}
          style={{ width: isPhone ? 'calc(50% - 4px)' : 140 }}
          popupMatchSelectWidth={false}
          disabled={disabled}
          aria-label={t('followUpExtras.category')}
          data-testid="followup-attachment-category"
        />
        <Upload
          accept={ACCEPTED_EXTENSIONS.join(',')}
          showUploadList={false}
          multiple
          disabled={disabled || !category || room === 0}
          beforeUpload={(file) => {
            // Files past the limit in a bigger batch are left out; the hint below then says why.
            if (category) state.add(file, category, existing.length);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} disabled={disabled || !category || room === 0} data-testid="followup-attachment-pick">
            {t('followUpExtras.pickFiles')}
          </Button>
        </Upload>
      </Flex>
      <Typography.Text type={room === 0 ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
        {room === 0 ? t('followUpExtras.limitReached', { max: MAX_ATTACHMENTS }) : t('followUpExtras.hint', { max: MAX_ATTACHMENTS })}
      </Typography.Text>
      {(existing.length > 0 || state.pending.length > 0) && (
        <div data-testid="followup-attachment-list">
          {existing.map((file) => (
            <AttachmentRow key={file.id} name={<a href={fileContentUrl(file.id)}>{file.name}</a>} size={file.size} testId="followup-attachment">
              <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                {categoryLabel(file.category, categories, locale)}
              </Tag>
              <Tag icon={<PaperClipOutlined />} style={{ marginInlineEnd: 0 }}>
                {t('followUpExtras.attached')}
              </Tag>
            </AttachmentRow>
          ))}
          {state.pending.map((p) => (
            <AttachmentRow key={p.key} name={p.name} size={p.size} error={p.state === 'failed' ? p.error : state.serverErrors.get(p.key)} testId="followup-attachment">
              {p.state !== 'failed' && (
                <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                  {categoryLabel(p.category, categories, locale)}
                </Tag>
              )}
              {p.state === 'uploading' && (
                <Progress percent={p.progress} size={[isPhone ? 48 : 72, 6]} style={{ margin: 0, width: 'auto' }} aria-label={t('followUpExtras.uploading', { percent: p.progress })} />
              )}
              {p.state === 'done' && (
                <Tooltip title={t('followUpExtras.uploaded')}>
                  <CheckCircleFilled style={{ color: '#52c41a' }} aria-label={t('followUpExtras.uploaded')} data-testid="followup-attachment-done" />
                </Tooltip>
              )}
              <Button
                type="text"
                size="small"
                icon={<CloseOutlined />}
                onClick={() => state.remove(p)}
                aria-label={t('followUpExtras.remove', { name: p.name })}
                title={t('followUpExtras.remove', { name: p.name })}
                data-testid="followup-attachment-remove"
              />
            </AttachmentRow>
          ))}
        </div>
      )}
    </Flex>
  );
}
