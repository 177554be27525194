import { Button, Tooltip } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../lib/api';
import { usePermission } from '../lib/auth';

type Filters = Record<string, string | number | boolean | null | undefined>;

/**
 * "导出": the list's CSV with the filters on screen, for members with records.export. A plain link — a
 * GET needs no CSRF token, and the server answers with an attachment, so the page stays where it is.
 */
export function ExportButton({ path, filters, block = false }: { path: string; filters: Filters; block?: boolean }) {
  const { t } = useTranslation();
  const canExport = usePermission('records.export');
  if (!canExport) return null;
  return (
    <Tooltip title={t('common.exportHint')}>
      <Button href={withQuery(path, filters)} icon={<DownloadOutlined />} block={block} data-testid="export-button">
        {t('common.exportCsv')}
      </Button>
    </Tooltip>
  );
}
