import { Alert, App, Button, Card, Flex, Modal, Select, Skeleton, Tag, Tooltip, Typography, Upload } from 'antd';
import { DeleteOutlined, DownloadOutlined, EyeOutlined, FileOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoredFile } from '@kairos/domain/files';
import { ApiError } from '../lib/api';
import { usePermission, useSession } from '../lib/auth';
import { useMemberNames, useWorkspaceSettings } from '../lib/directory';
import { useErrorText } from '../lib/errors';
import {
  ACCEPTED_EXTENSIONS,
  categoryLabel,
  fileContentUrl,
  formatFileSize,
  isAllowedFileName,
  isImage,
  useDeleteFile,
  useFiles,
  useUploadFile,
  type FileTarget,
} from '../lib/files';
import { formatDateTime } from '../lib/format';
import { useLocale } from '../lib/i18n/i18n';
import { useIsPhone } from '../lib/use-is-phone';
import { GuideEmpty } from './guide-empty';
import { QueryError } from './query-error';

/** The server's own words for a refused upload: the field message (file type, content) or the detail (too large). */
function useUploadErrorText() {
  const errorText = useErrorText();
  return (error: unknown) => (error instanceof ApiError && error.problem.fields?.[0]?.message) || errorText(error);
}

/** An image or PDF shown by the browser, in a modal; anything else is only downloaded. */
export function FilePreviewModal({ file, onClose }: { file: StoredFile | null; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  return (
    <Modal
      open={!!file}
      onCancel={onClose}
      title={file ? <span style={{ overflowWrap: 'anywhere' }}>{t('files.previewTitle', { name: file.name })}</span> : null}
      width={isPhone ? '100%' : 960}
      style={isPhone ? { top: 8, maxWidth: 'calc(100vw - 16px)' } : { top: 24 }}
      destroyOnHidden
      footer={
        file && (
          <Button href={fileContentUrl(file.id)} icon={<DownloadOutlined />}>
            {t('files.download')}
          </Button>
        )
      }
      data-testid="file-preview"
    >
      {file &&
        (isImage(file) ? (
          <img src={fileContentUrl(file.id, true)} alt={file.name} style={{ display: 'block', maxWidth: '100%', maxHeight: '75vh', margin: '0 auto' }} />
        ) : (
          <iframe src={fileContentUrl(file.id, true)} title={file.name} style={{ width: '100%', height: '75vh', border: 0 }} />
        ))}
    </Modal>
  );
}

/**
 * A record's files: upload under a category (the type is checked here by extension, and by the server
 * from the bytes), filter by category, download, preview images and PDFs, delete one's own (or any, with
 * records.delete). On a customer it lists the files of its contacts and deals too.
 */
export function FilesCard({ target, canUpload, onChanged }: { target: FileTarget; canUpload: boolean; onChanged?: () => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const locale = useLocale();
  const isPhone = useIsPhone();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const uploadErrorText = useUploadErrorText();
  const names = useMemberNames();
  const settings = useWorkspaceSettings();
  const canDeleteAny = usePermission('records.delete');
  const categories = settings.data?.fileCategories;
  const [filter, setFilter] = useState<string | undefined>(undefined);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState<StoredFile | null>(null);
  const files = useFiles(target, filter);
  const upload = useUploadFile();
  const remove = useDeleteFile();
  const category = chosen && categories?.some((c) => c.key === chosen) ? chosen : categories?.[0]?.key;
  const categoryOptions = (categories ?? []).map((c) => ({ value: c.key, label: locale === 'en' ? c.labelEn : c.labelZh }));
  const tz = me.workspace.timezone;

  const send = (file: File) => {
    setUploadError(null);
    if (!isAllowedFileName(file.name)) {
      setUploadError(t('files.typeNotAllowed', { name: file.name }));
      return;
    }
    if (!category) return;
    upload.mutate(
      { query: { ...target, category, name: file.name }, file },
      {
        onSuccess: (stored) => {
          void message.success(t('files.uploaded', { name: stored.name }));
          onChanged?.();
        },
        onError: (err) => setUploadError(uploadErrorText(err)),
      },
    );
  };

  const confirmDelete = (file: StoredFile) =>
    modal.confirm({
      title: t('files.deleteTitle', { name: file.name }),
      content: t('files.deleteDesc'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        remove.mutateAsync(file.id).then(
          () => {
            void message.success(t('files.deleted'));
            onChanged?.();
          },
          (err: unknown) => void message.error(errorText(err)),
        ),
    });

  const uploader = canUpload && (
    <Flex vertical gap={8} style={{ marginBottom: 16 }} data-testid="file-upload">
      <Flex gap={8} wrap align="center">
        <Select
          value={category}
          onChange={setChosen}
          options={categoryOptions}
          placeholder={t('files.categoryPlaceholder')}
          style={{ width: isPhone ? 'calc(50% - 4px)' : 140 }}
          popupMatchSelectWidth={false}
          aria-label={t('files.category')}
          data-testid="file-upload-category"
        />
        <Upload
          accept={ACCEPTED_EXTENSIONS.join(',')}
          showUploadList={false}
          multiple={false}
          disabled={!category || upload.isPending}
          beforeUpload={(file) => {
            send(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending} disabled={!category} data-testid="file-upload-button">
            {upload.isPending ? t('files.uploading') : t('files.upload')}
          </Button>
        </Upload>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('files.hint')}
      </Typography.Text>
      {uploadError && <Alert type="error" showIcon title={uploadError} closable={{ onClose: () => setUploadError(null) }} data-testid="file-upload-error" />}
    </Flex>
  );

  const items = files.data?.items ?? [];
  let body;
  if (files.isError) body = <QueryError error={files.error} onRetry={() => void files.refetch()} />;
  else if (files.isPending) body = <Skeleton active paragraph={{ rows: 2 }} />;
  else if (items.length === 0)
    body = filter ? (
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center', padding: '16px 0', margin: 0 }}>
        {t('files.emptyFiltered')}
      </Typography.Paragraph>
    ) : (
      <GuideEmpty icon={<PaperClipOutlined />} title={t('files.emptyTitle')} description={t('files.emptyDesc')} />
    );
  else
    body = (
      <Flex vertical data-testid="file-list">
        {items.map((file, index) => {
          const canDelete = file.uploadedBy === me.user.id || canDeleteAny;
          return (
            <Flex
              key={file.id}
              gap={12}
              align="flex-start"
              justify="space-between"
              wrap={isPhone}
              style={{ paddingBlock: 10, borderTop: index ? '1px solid #f0f0f0' : undefined }}
              data-testid="file-row"
            >
              <Flex gap={10} align="flex-start" style={{ minWidth: 0, flex: '1 1 200px' }}>
                <FileOutlined style={{ fontSize: 18, color: '#8c8c8c', marginTop: 3 }} />
                <div style={{ minWidth: 0 }}>
                  <a href={fileContentUrl(file.id)} style={{ overflowWrap: 'anywhere' }} data-testid="file-download-link">
                    {file.name}
                  </a>
                  <Flex gap={8} wrap align="center" style={{ marginTop: 2, fontSize: 12 }}>
                    <Tag color="blue" style={{ marginInlineEnd: 0 }} data-testid="file-category">
                      {categoryLabel(file.category, categories, locale)}
                    </Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatFileSize(file.size)}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('files.uploadedBy', { name: names.get(file.uploadedBy) ?? '—' })}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(file.createdAt, locale, tz)}
                    </Typography.Text>
                  </Flex>
                </div>
              </Flex>
              <Flex gap={4} style={isPhone ? { marginInlineStart: 28 } : { flex: 'none' }}>
                {file.previewable && (
                  <Tooltip title={t('files.preview')}>
                    <Button size="small" type="text" icon={<EyeOutlined />} onClick={() => setPreviewing(file)} aria-label={t('files.preview')} data-testid="file-preview-button" />
                  </Tooltip>
                )}
                <Tooltip title={t('files.download')}>
                  <Button size="small" type="text" icon={<DownloadOutlined />} href={fileContentUrl(file.id)} aria-label={t('files.download')} />
                </Tooltip>
                {canDelete && (
                  <Tooltip title={t('files.delete')}>
                    <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => confirmDelete(file)} aria-label={t('files.delete')} data-testid="file-delete" />
                  </Tooltip>
                )}
              </Flex>
            </Flex>
          );
        })}
      </Flex>
    );

  return (
    <Card
      variant="borderless"
      title={t('files.title')}
      extra={
        <Select
          allowClear
          size="small"
          value={filter}
          onChange={(value?: string) => setFilter(value)}
          options={categoryOptions}
          placeholder={t('files.allCategories')}
          style={{ width: 150 }}
          popupMatchSelectWidth={false}
          aria-label={t('files.filterCategory')}
          data-testid="file-filter"
        />
      }
      data-testid="files-card"
    >
      {uploader}
      {body}
      <FilePreviewModal file={previewing} onClose={() => setPreviewing(null)} />
    </Card>
  );
}
