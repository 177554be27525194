import { useEffect, type ReactNode } from 'react';
import { Flex, Typography } from 'antd';

/** Title row of a page: title, one line of explanation, actions on the right (wrapping on phones). */
export function PageHeader({ title, subtitle, extra }: { title: string; subtitle?: ReactNode; extra?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Kairos`;
  }, [title]);
  return (
    <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 20 }}>
      <div style={{ minWidth: 0, flex: '1 1 320px' }}>
        <Typography.Title level={3} style={{ margin: 0, fontWeight: 600 }}>
          {title}
        </Typography.Title>
        {subtitle && (
          <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
            {subtitle}
          </Typography.Paragraph>
        )}
      </div>
      {extra && (
        <Flex gap={8} wrap style={{ flex: '0 1 auto', minWidth: 0, maxWidth: '100%' }}>
          {extra}
        </Flex>
      )}
    </Flex>
  );
}
