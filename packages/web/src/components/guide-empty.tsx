import type { ReactNode } from 'react';
import { Empty, Flex, Typography } from 'antd';

/** An empty state that says what belongs here and offers the first step. */
export function GuideEmpty({ icon, title, description, action }: { icon: ReactNode; title: string; description: string; action?: ReactNode }) {
  return (
    <Empty
      image={<span className="kairos-empty-icon">{icon}</span>}
      styles={{ image: { height: 'auto', marginBottom: 12 } }}
      description={
        <Flex vertical gap={4} align="center">
          <Typography.Text strong>{title}</Typography.Text>
          <Typography.Text type="secondary" style={{ maxWidth: 420 }}>
            {description}
          </Typography.Text>
        </Flex>
      }
      style={{ padding: '24px 0' }}
    >
      {action}
    </Empty>
  );
}
