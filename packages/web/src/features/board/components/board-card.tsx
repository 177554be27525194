import { Button, Dropdown, Flex, Tag, Typography, type MenuProps } from 'antd';
import { BankOutlined, CheckSquareOutlined, ClockCircleOutlined, EllipsisOutlined, UserOutlined } from '@ant-design/icons';
import { useDraggable } from '@dnd-kit/core';
import { memo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { BoardCard } from '@kairos/domain/board';
import { stageName, type Stage } from '@kairos/domain/pipelines';
import { TagList } from '../../../components/record-bits';
import { formatDate } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/i18n';
import { Money } from '../../opportunities/components/opportunity-bits';

export interface CardActions {
  stages: readonly Stage[];
  ownerName: (ownerId: string | null) => string;
  onMove: (card: BoardCard, stage: Stage) => void;
}

/** A deal on the board as a person reads it: what, for whom, who, how much, how long here, what is next. */
export const BoardCardView = memo(function BoardCardView({ card, actions, dragging, overlay }: { card: BoardCard; actions: CardActions; dragging?: boolean; overlay?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const others = actions.stages.filter((s) => s.id !== card.stageId);
  const menu: MenuProps['items'] = [
    { key: 'open', label: t('board.openDeal') },
    { type: 'divider' },
    {
      key: 'move',
      label: t('board.moveTo'),
      children: others.map((s) => ({ key: `move:${s.id}`, label: stageName(s, locale) })),
    },
  ];
  const onMenu: MenuProps['onClick'] = ({ key }) => {
    if (key === 'open') void navigate(`/opportunities/${card.id}`);
    const stage = key.startsWith('move:') ? others.find((s) => `move:${s.id}` === key) : undefined;
    if (stage) actions.onMove(card, stage);
  };
  const style: CSSProperties = {
    opacity: dragging ? 0.35 : 1,
    boxShadow: overlay ? '0 12px 28px rgba(15, 23, 42, 0.22)' : undefined,
    cursor: overlay ? 'grabbing' : 'grab',
    transform: overlay ? 'rotate(1.5deg)' : undefined,
  };
  const heat = card.stalled ? 'red' : undefined;
  return (
    <div className="kairos-board-card" style={style} data-testid="board-card" data-deal-id={card.id}>
      <Flex justify="space-between" align="flex-start" gap={4}>
        <Link to={`/opportunities/${card.id}`} className="kairos-board-card-name" draggable={false} data-testid="board-card-name">
          {card.name}
        </Link>
        {!overlay && (
          <Dropdown menu={{ items: menu, onClick: onMenu }} trigger={['click']}>
            <Button type="text" size="small" icon={<EllipsisOutlined />} aria-label={t('board.cardMenu')} data-testid="board-card-menu" style={{ marginTop: -2, flex: 'none' }} />
          </Dropdown>
        )}
      </Flex>
      <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
        <BankOutlined style={{ marginInlineEnd: 4 }} />
        {card.customerName}
      </Typography.Text>
      <Flex justify="space-between" align="center" gap={8} style={{ marginTop: 6 }}>
        {card.amount === 0 ? (
          // Zero means not estimated yet; "¥0.00" would read as a deal worth nothing.
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }} data-testid="board-card-no-amount">
            {t('board.noAmount')}
          </Typography.Text>
        ) : (
          <Money minor={card.amount} currency={card.currency} strong />
        )}
        <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: '50%' }} data-testid="board-card-owner">
          <UserOutlined style={{ marginInlineEnd: 4 }} />
          {actions.ownerName(card.ownerId)}
        </Typography.Text>
      </Flex>
      <Flex gap={4} wrap style={{ marginTop: 8 }}>
        <Tag color={heat} icon={<ClockCircleOutlined />} style={{ marginInlineEnd: 0 }} data-testid="board-card-days">
          {t('board.daysInStage', { count: card.daysInStage })}
          {card.stalled && ` · ${t('board.stalledTag')}`}
        </Tag>
        {card.nextFollowUpOn && (
          <Tag color={card.followUpOverdue ? 'orange' : undefined} style={{ marginInlineEnd: 0 }} data-testid="board-card-followup">
            {card.followUpOverdue ? `${t('board.followUpOverdue')} · ` : ''}
            {t('board.nextFollowUp', { date: formatDate(`${card.nextFollowUpOn}T12:00:00Z`, locale, 'UTC') })}
          </Tag>
        )}
        {card.tasksTotal > 0 && (
          <Tag color={card.tasksDone >= card.tasksTotal ? 'green' : undefined} icon={<CheckSquareOutlined />} style={{ marginInlineEnd: 0 }}>
            {t('board.tasks', { done: card.tasksDone, total: card.tasksTotal })}
          </Tag>
        )}
        <span data-testid="risk-slot" />
      </Flex>
      {card.tags.length > 0 && (
        <div style={{ marginTop: 6 }}>
          <TagList tags={card.tags} max={3} />
        </div>
      )}
    </div>
  );
});

/** A card that can be picked up and dropped on another column (mouse: after a few pixels; touch: a long press). */
export function DraggableCard({ card, actions }: { card: BoardCard; actions: CardActions }) {
  const { setNodeRef, listeners, isDragging } = useDraggable({ id: card.id, data: { card } });
  return (
    <div ref={setNodeRef} {...listeners} style={{ touchAction: 'pan-y' }}>
      <BoardCardView card={card} actions={actions} dragging={isDragging} />
    </div>
  );
}
