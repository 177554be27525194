import { Alert, App, Badge, Button, Card, Flex, Select, Skeleton, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, EyeInvisibleOutlined, InfoCircleOutlined, LockOutlined } from '@ant-design/icons';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { FIELD_RULE_ENTITIES } from '@kairos/domain/field-access';
import type { Role } from '@kairos/domain/roles';
import { ApiError } from '../../../lib/api';
import { customFieldLabel, useCustomFields } from '../../../lib/custom-fields';
import { useRoles, useWorkspaceSettings } from '../../../lib/directory';
import { useErrorText } from '../../../lib/errors';
import { useLocale } from '../../../lib/i18n/i18n';
import { roleName } from '../../../lib/roles';
import { useIsPhone } from '../../../lib/use-is-phone';
import { QueryError } from '../../../components/query-error';
import { useSaveFieldRules } from '../api';
import {
  completeRules,
  FIELD_LEVELS,
  levelOf,
  restrictableFields,
  ruleChanges,
  ruleProblemPath,
  rulesToSave,
  withLevel,
  type FieldLevel,
  type FieldRuleEntity,
  type FieldRules,
  type RuleChange,
} from '../model';

/** How many changes the confirmation lists before it says "and n more". */
const LISTED_CHANGES = 8;

const LEVEL_LOOK: Record<FieldLevel, { icon: ReactNode; color: string }> = {
  editable: { icon: <EditOutlined />, color: 'rgba(0,0,0,0.45)' },
  readonly: { icon: <LockOutlined />, color: '#d46b08' },
  hidden: { icon: <EyeInvisibleOutlined />, color: '#cf1322' },
};

/** A built-in field's name as the record screens label it. */
function builtInLabel(entity: FieldRuleEntity, field: string, t: TFunction): string {
  switch (entity) {
    case 'customer':
      return t(`customers.field.${field as 'uscc'}`);
    case 'contact':
      return t(`contacts.field.${field as 'title'}`);
    case 'opportunity':
      return t(`opportunities.field.${field as 'amount'}`);
    case 'followup':
      return t(`followUps.field.${field as 'outcome'}`);
  }
}

/** A level with its icon and colour; in a cell, "editable" (the usual case) goes without its icon, so restrictions stand out. */
function LevelText({ level, inCell = false }: { level: FieldLevel; inCell?: boolean }) {
  const { t } = useTranslation();
  const look = LEVEL_LOOK[level];
  return (
    <span style={{ color: look.color, whiteSpace: 'nowrap' }}>
      {!(inCell && level === 'editable') && <span style={{ marginInlineEnd: 6 }}>{look.icon}</span>}
      {t(`fieldAccess.level.${level}`)}
    </span>
  );
}

interface Row {
  field: string;
  label: string;
  custom: boolean;
}

/**
 * Admin: 字段权限 — per record type, which role may not see a field (hidden) or not change it (read-only).
 * Rows are the fields that may be restricted (built-in ones, then the type's custom fields), columns the
 * roles. Changes collect across record types and are saved together, after a confirmation that lists them.
 */
export function FieldPermissions({ entity, onEntityChange }: { entity: FieldRuleEntity; onEntityChange: (entity: FieldRuleEntity) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const isPhone = useIsPhone();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const settings = useWorkspaceSettings();
  const roles = useRoles();
  const customFields = useCustomFields(entity);
  const save = useSaveFieldRules();
  const [draft, setDraft] = useState<FieldRules | null>(null);
  const [problems, setProblems] = useState<string[]>([]);

  const saved = useMemo(() => completeRules(settings.data?.fieldRules), [settings.data]);
  const rules = draft ?? saved;
  const roleList = useMemo(() => roles.data?.items ?? [], [roles.data]);
  const roleById = useMemo(() => new Map(roleList.map((r) => [r.id, r])), [roleList]);
  const changes = useMemo(() => ruleChanges(saved, rules), [saved, rules]);
  const changedCells = useMemo(() => new Set(changes.map((c) => `${c.entity}|${c.field}|${c.roleId}`)), [changes]);

  const fields = customFields.data ?? [];
  const rows: Row[] = restrictableFields(
    entity,
    fields.map((f) => f.key),
  ).map((field) => {
    const custom = fields.find((f) => `custom.${f.key}` === field);
    return { field, label: custom ? customFieldLabel(custom, locale) : builtInLabel(entity, field, t), custom: !!custom };
  });

  const fieldName = (change: Pick<RuleChange, 'entity' | 'field'>) => {
    if (!change.field.startsWith('custom.')) return builtInLabel(change.entity, change.field, t);
    // Custom fields of the record type on screen have their labels at hand; others show their key.
    const own = change.entity === entity ? fields.find((f) => `custom.${f.key}` === change.field) : undefined;
    return own ? customFieldLabel(own, locale) : change.field.slice(7);
  };
  const roleLabel = (roleId: string) => {
    const role = roleById.get(roleId);
    return role ? roleName(role, locale) : roleId;
  };

  const setLevel = (field: string, role: Role, level: FieldLevel) => {
    setProblems([]);
    const next = withLevel(rules, entity, field, role.id, level);
    setDraft(ruleChanges(saved, next).length ? next : null);
  };

  /** A 422's problems, by record type, field and role where the path names them. */
  const problemsOf = (err: ApiError) =>
    (err.problem.fields ?? []).map((f) => {
      const at = ruleProblemPath(f.path);
      const reason = f.code === 'unknown_field' ? t('fieldAccess.unknownField') : f.code === 'unknown_role' ? t('fieldAccess.unknownRole') : f.message;
      if (!at) return reason;
      const where = [t(`customFields.entity.${at.entity}`), at.field && fieldName({ entity: at.entity, field: at.field }), at.roleId && roleLabel(at.roleId)].filter(Boolean).join(' · ');
      return `${where}${locale === 'en' ? ': ' : '：'}${reason}`;
    });

  const submit = () =>
    save.mutateAsync(rulesToSave(rules, roleList.map((r) => r.id))).then(
      () => {
        setDraft(null);
        setProblems([]);
        void message.success(t('fieldAccess.saved'));
      },
      (err: unknown) => {
        if (err instanceof ApiError && err.problem.fields?.length) setProblems(problemsOf(err));
        else void message.error(errorText(err));
      },
    );

  const confirmSave = () =>
    modal.confirm({
      title: t('fieldAccess.confirmTitle'),
      width: 520,
      content: (
        <div data-testid="field-rules-confirm">
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('fieldAccess.confirmDesc', { count: changes.length })}
          </Typography.Paragraph>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {changes.slice(0, LISTED_CHANGES).map((c) => (
              <li key={`${c.entity}|${c.field}|${c.roleId}`}>
                {t('fieldAccess.change', {
                  entity: t(`customFields.entity.${c.entity}`),
                  field: fieldName(c),
                  role: roleLabel(c.roleId),
                  from: t(`fieldAccess.level.${c.from}`),
                  to: t(`fieldAccess.level.${c.to}`),
                })}
              </li>
            ))}
          </ul>
          {changes.length > LISTED_CHANGES && (
            <Typography.Text type="secondary">{t('fieldAccess.moreChanges', { count: changes.length - LISTED_CHANGES })}</Typography.Text>
          )}
        </div>
      ),
      okText: t('fieldAccess.save'),
      cancelText: t('common.cancel'),
      onOk: submit,
    });

  const levelSelect = (row: Row, role: Role) => {
    const level = levelOf(rules, entity, row.field, role.id);
    return (
      <Select<FieldLevel>
        size="small"
        value={level}
        onChange={(next) => setLevel(row.field, role, next)}
        options={FIELD_LEVELS.map((l) => ({ value: l, label: <LevelText level={l} /> }))}
        labelRender={({ value }) => <LevelText level={value as FieldLevel} inCell />}
        variant={level === 'editable' ? 'borderless' : 'outlined'}
        style={{ width: locale === 'en' ? 116 : 88 }}
        popupMatchSelectWidth={false}
        disabled={save.isPending}
        aria-label={t('fieldAccess.cellLabel', { field: row.label, role: roleName(role, locale) })}
        data-testid={`rule-${row.field}-${role.key}`}
      />
    );
  };

  const columns: TableColumnsType<Row> = [
    {
      title: t('fieldAccess.colField'),
      key: 'field',
      fixed: 'left',
      width: isPhone ? 108 : 150,
      render: (_, row) => (
        <Flex gap={6} align="center" wrap style={{ minWidth: 0 }}>
          <Typography.Text strong={!isPhone} style={{ wordBreak: 'break-word' }}>
            {row.label}
          </Typography.Text>
          {row.custom && (
            <Tag bordered={false} style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px', paddingInline: 4 }}>
              {t('fieldAccess.customTag')}
            </Tag>
          )}
        </Flex>
      ),
    },
    ...roleList.map(
      (role): TableColumnsType<Row>[number] => ({
        title: <span style={{ whiteSpace: 'nowrap' }}>{roleName(role, locale)}</span>,
        key: role.id,
        width: locale === 'en' ? 132 : 104,
        onCell: (row) => (changedCells.has(`${entity}|${row.field}|${role.id}`) ? { style: { background: '#fffbe6' } } : {}),
        render: (_, row) => levelSelect(row, role),
      }),
    ),
  ];

  const changesIn = (e: FieldRuleEntity) => changes.filter((c) => c.entity === e).length;
  const entityLabel = (e: FieldRuleEntity) => t(`customFields.entity.${e}`);

  if (settings.isError) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  if (roles.isError) return <QueryError error={roles.error} onRetry={() => void roles.refetch()} />;

  const table =
    settings.isPending || roles.isPending ? (
      <Skeleton active />
    ) : (
      <Table<Row>
        rowKey="field"
        columns={columns}
        dataSource={rows}
        loading={customFields.isPending}
        pagination={false}
        size="small"
        scroll={{ x: 'max-content' }}
        data-testid="field-rules-table"
      />
    );

  const footer = (
    <Flex justify="space-between" align="center" gap={12} wrap style={{ marginTop: 16 }}>
      <Typography.Text type={changes.length ? 'warning' : 'secondary'} data-testid="field-rules-pending">
        {changes.length ? t('fieldAccess.changedCount', { count: changes.length }) : t('fieldAccess.noChanges')}
      </Typography.Text>
      <Flex gap={8} style={isPhone ? { width: '100%' } : undefined}>
        <Button
          onClick={() => {
            setDraft(null);
            setProblems([]);
          }}
          disabled={!changes.length || save.isPending} block={isPhone}>
          {t('fieldAccess.reset')}
        </Button>
        <Button type="primary" onClick={confirmSave} disabled={!changes.length} loading={save.isPending} block={isPhone} data-testid="field-rules-save">
          {t('fieldAccess.save')}
        </Button>
      </Flex>
    </Flex>
  );

  const body = (
    <>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('fieldAccess.saveFailed')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 12 }}
          data-testid="field-rules-problems"
        />
      )}
      {table}
      {footer}
    </>
  );

  return (
    <Flex vertical gap={16} data-testid="field-permissions">
      <Alert type="info" showIcon icon={<InfoCircleOutlined />} title={t('fieldAccess.intro')} data-testid="field-rules-intro" />
      {isPhone ? (
        // Four record types do not fit a phone's tab bar: a picker says which one is shown.
        <Card variant="borderless">
          <Select
            value={entity}
            onChange={onEntityChange}
            options={FIELD_RULE_ENTITIES.map((e) => ({ value: e, label: changesIn(e) ? `${entityLabel(e)} · ${changesIn(e)}` : entityLabel(e) }))}
            style={{ width: '100%', marginBottom: 12 }}
            aria-label={t('customFields.recordType')}
            prefix={<Typography.Text type="secondary">{t('customFields.recordType')}</Typography.Text>}
            data-testid="field-rules-entity"
          />
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
            {t('fieldAccess.phoneHint')}
          </Typography.Paragraph>
          {body}
        </Card>
      ) : (
        <Card variant="borderless" styles={{ body: { paddingTop: 4 } }}>
          <Tabs
            activeKey={entity}
            onChange={(key) => onEntityChange(key as FieldRuleEntity)}
            items={FIELD_RULE_ENTITIES.map((e) => ({
              key: e,
              label: (
                <Badge count={changesIn(e)} size="small" offset={[8, -2]} color="#faad14">
                  <span>{entityLabel(e)}</span>
                </Badge>
              ),
              children: e === entity ? body : null,
            }))}
            data-testid="field-rules-tabs"
          />
        </Card>
      )}
    </Flex>
  );
}
