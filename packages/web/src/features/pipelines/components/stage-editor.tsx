import { Button, Checkbox, Col, Flex, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StageTaskTemplate } from '@kairos/domain/stage-gates';
import { useIsPhone } from '../../../lib/use-is-phone';
import { moveItem, newTask, type DraftStage, type ErrorMap } from '../model';

export interface Option {
  value: string;
  label: string;
}

export interface EditorOptions {
  roles: Option[];
  fields: Option[];
  categories: Option[];
  taskRoles: Option[];
}

/** One labelled input with the errors of its path underneath (the page keeps its own errors, not antd's form store). */
export function Field({ label, id, errors, help, children }: { label: ReactNode; id?: string; errors?: string[]; help?: ReactNode; children: ReactNode }) {
  const failing = !!errors?.length;
  return (
    <Form.Item label={label} htmlFor={id} validateStatus={failing ? 'error' : undefined} help={failing ? errors.join(' ') : help} style={{ marginBottom: 14 }}>
      {children}
    </Form.Item>
  );
}

/** A titled part of the stage's settings, set off from the one above by a rule. */
function Section({ title, hint }: { title: string; hint?: string }) {
  return (
    <div style={{ borderTop: '1px solid rgba(5,5,5,0.06)', paddingTop: 14, marginTop: 6, marginBottom: 10 }}>
      <Typography.Text strong>{title}</Typography.Text>
      {hint && (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {hint}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}

/** Days as a whole number or nothing (null: no limit / no due date). */
function DaysInput({ id, value, onChange, min, max, placeholder, label }: { id?: string; value: number | null; onChange: (value: number | null) => void; min: number; max: number; placeholder?: string; label?: string }) {
  const { t } = useTranslation();
  return (
    <InputNumber<number>
      id={id}
      value={value}
      min={min}
      max={max}
      precision={0}
      placeholder={placeholder}
      aria-label={label}
      suffix={t('pipelines.stage.days')}
      onChange={(v) => onChange(typeof v === 'number' ? v : null)}
      style={{ width: '100%' }}
    />
  );
}

/** The checklist a stage hands out: rows of title (zh/en), role, due days and "required", reorderable. */
function TaskList({ stage, index, errors, set, options }: { stage: DraftStage; index: number; errors: ErrorMap; set: (path: (string | number)[], value: unknown) => void; options: EditorOptions }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const tasks = stage.rules.tasks;
  const base = `stages.${index}.rules.tasks`;
  const setTasks = (next: StageTaskTemplate[]) => set(['rules', 'tasks'], next);
  const err = (j: number, key: string) => errors[`${base}.${j}.${key}`];

  return (
    <Flex vertical gap={8} data-testid="task-list">
      {tasks.length === 0 && <Typography.Text type="secondary">{t('pipelines.tasks.empty')}</Typography.Text>}
      {!isPhone && tasks.length > 0 && (
        <Row gutter={8} style={{ fontSize: 12 }}>
          <Col md={6}>
            <Typography.Text type="secondary">{t('pipelines.tasks.titleZh')}</Typography.Text>
          </Col>
          <Col md={6}>
            <Typography.Text type="secondary">{t('pipelines.tasks.titleEn')}</Typography.Text>
          </Col>
          <Col md={4}>
            <Typography.Text type="secondary">{t('pipelines.tasks.role')}</Typography.Text>
          </Col>
          <Col md={4}>
            <Typography.Text type="secondary">{t('pipelines.tasks.dueInDays')}</Typography.Text>
          </Col>
        </Row>
      )}
      {tasks.map((task, j) => {
        const rowErrors = [...(err(j, 'titleZh') ?? []), ...(err(j, 'titleEn') ?? []), ...(err(j, 'key') ?? []), ...(err(j, 'dueInDays') ?? [])];
        return (
          <div
            key={task.key}
            data-testid="task-row"
            style={isPhone ? { border: '1px solid rgba(5,5,5,0.08)', borderRadius: 8, padding: 8 } : undefined}
          >
            <Row gutter={[8, 8]} align="middle">
              <Col xs={24} md={6}>
                <Input
                  value={task.titleZh}
                  placeholder={t('pipelines.tasks.titleZh')}
                  aria-label={t('pipelines.tasks.titleZh')}
                  status={err(j, 'titleZh') ? 'error' : undefined}
                  maxLength={100}
                  onChange={(e) => set(['rules', 'tasks', j, 'titleZh'], e.target.value)}
                  data-testid="task-title-zh"
                />
              </Col>
              <Col xs={24} md={6}>
                <Input
                  value={task.titleEn}
                  placeholder={t('pipelines.tasks.titleEn')}
                  aria-label={t('pipelines.tasks.titleEn')}
                  status={err(j, 'titleEn') ? 'error' : undefined}
                  maxLength={100}
                  onChange={(e) => set(['rules', 'tasks', j, 'titleEn'], e.target.value)}
                  data-testid="task-title-en"
                />
              </Col>
              <Col xs={12} md={4}>
                <Select
                  value={task.role}
                  options={options.taskRoles}
                  aria-label={t('pipelines.tasks.role')}
                  onChange={(v) => set(['rules', 'tasks', j, 'role'], v)}
                  style={{ width: '100%' }}
                  data-testid="task-role"
                />
              </Col>
              <Col xs={12} md={4}>
                <DaysInput value={task.dueInDays} min={0} max={365} placeholder={t('pipelines.tasks.dueNone')} label={t('pipelines.tasks.dueInDays')} onChange={(v) => set(['rules', 'tasks', j, 'dueInDays'], v)} />
              </Col>
              <Col xs={24} md={4}>
                <Flex align="center" justify={isPhone ? 'space-between' : 'flex-end'} gap={2}>
                  <Checkbox checked={task.required} onChange={(e) => set(['rules', 'tasks', j, 'required'], e.target.checked)} data-testid="task-required">
                    {t('pipelines.tasks.required')}
                  </Checkbox>
                  <Flex gap={0}>
                    <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={j === 0} onClick={() => setTasks(moveItem(tasks, j, -1))} aria-label={t('pipelines.moveUp')} title={t('pipelines.moveUp')} />
                    <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={j === tasks.length - 1} onClick={() => setTasks(moveItem(tasks, j, 1))} aria-label={t('pipelines.moveDown')} title={t('pipelines.moveDown')} />
                    <Button
                      type="text"
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => setTasks(tasks.filter((_, k) => k !== j))}
                      aria-label={t('pipelines.tasks.remove')}
                      title={t('pipelines.tasks.remove')}
                      data-testid="task-remove"
                    />
                  </Flex>
                </Flex>
              </Col>
            </Row>
            {rowErrors.length > 0 && (
              <Typography.Text type="danger" style={{ fontSize: 13 }}>
                {[...new Set(rowErrors)].join(' ')}
              </Typography.Text>
            )}
          </div>
        );
      })}
      {errors[base] && <Typography.Text type="danger">{errors[base].join(' ')}</Typography.Text>}
      <div>
        <Button icon={<PlusOutlined />} onClick={() => setTasks([...tasks, newTask(tasks)])} disabled={tasks.length >= 30} data-testid="task-add">
          {t('pipelines.tasks.add')}
        </Button>
      </div>
    </Flex>
  );
}

/**
 * Everything one stage asks of deals: names, guidance, probability, owner role, limits, who may move deals
 * in, the gate and the task checklist. `set` takes a path inside the stage.
 */
export function StageEditor({ stage, index, errors, set, options }: { stage: DraftStage; index: number; errors: ErrorMap; set: (path: (string | number)[], value: unknown) => void; options: EditorOptions }) {
  const { t } = useTranslation();
  const p = `stages.${index}`;
  const id = (name: string) => `stage-${stage.uid}-${name}`;
  const e = (path: string) => errors[`${p}.${path}`];
  const closed = stage.outcome !== 'open';

  return (
    <Form layout="vertical" component="div" data-testid="stage-editor">
      <Row gutter={16}>
        <Col xs={24} md={9}>
          <Field label={t('pipelines.stage.nameZh')} id={id('nameZh')} errors={e('nameZh')}>
            <Input id={id('nameZh')} value={stage.nameZh} maxLength={20} onChange={(ev) => set(['nameZh'], ev.target.value)} data-testid="stage-name-zh" />
          </Field>
        </Col>
        <Col xs={24} md={9}>
          <Field label={t('pipelines.stage.nameEn')} id={id('nameEn')} errors={e('nameEn')}>
            <Input id={id('nameEn')} value={stage.nameEn} maxLength={40} onChange={(ev) => set(['nameEn'], ev.target.value)} data-testid="stage-name-en" />
          </Field>
        </Col>
        <Col xs={24} md={6}>
          <Field label={t('pipelines.stage.probability')} id={id('probability')} errors={e('probability')}>
            <InputNumber<number>
              id={id('probability')}
              value={stage.probability}
              min={0}
              max={100}
              precision={0}
              suffix="%"
              disabled={closed}
              onChange={(v) => set(['probability'], typeof v === 'number' ? v : 0)}
              style={{ width: '100%' }}
              data-testid="stage-probability"
            />
          </Field>
        </Col>
      </Row>

      <Section title={t('pipelines.stage.guidance')} />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Field label={t('pipelines.stage.descriptionZh')} id={id('descriptionZh')} errors={e('rules.descriptionZh')} help={t('pipelines.stage.descriptionHint')}>
            <Input.TextArea id={id('descriptionZh')} value={stage.rules.descriptionZh} maxLength={1000} autoSize={{ minRows: 2, maxRows: 6 }} onChange={(ev) => set(['rules', 'descriptionZh'], ev.target.value)} data-testid="stage-description-zh" />
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field label={t('pipelines.stage.descriptionEn')} id={id('descriptionEn')} errors={e('rules.descriptionEn')}>
            <Input.TextArea id={id('descriptionEn')} value={stage.rules.descriptionEn} maxLength={1000} autoSize={{ minRows: 2, maxRows: 6 }} onChange={(ev) => set(['rules', 'descriptionEn'], ev.target.value)} data-testid="stage-description-en" />
          </Field>
        </Col>
      </Row>

      <Section title={t('pipelines.stage.limits')} />
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Field label={t('pipelines.stage.ownerRole')} id={id('ownerRole')} errors={e('rules.ownerRoleId')}>
            <Select
              id={id('ownerRole')}
              value={stage.rules.ownerRoleId}
              options={[{ value: null as unknown as string, label: t('pipelines.stage.ownerRoleNone') }, ...options.roles]}
              onChange={(v) => set(['rules', 'ownerRoleId'], v ?? null)}
              data-testid="stage-owner-role"
            />
          </Field>
        </Col>
        <Col xs={24} sm={12} md={8}>
          <Field label={t('pipelines.stage.timeLimit')} id={id('timeLimit')} errors={e('rules.timeLimitDays')} help={t('pipelines.stage.timeLimitHint')}>
            <div data-testid="stage-time-limit">
              <DaysInput id={id('timeLimit')} value={stage.rules.timeLimitDays} min={1} max={3650} onChange={(v) => set(['rules', 'timeLimitDays'], v)} />
            </div>
          </Field>
        </Col>
        <Col xs={24} sm={12} md={8}>
          <Field label={t('pipelines.stage.followUp')} id={id('followUp')} errors={e('rules.followUpCadenceDays')} help={t('pipelines.stage.followUpHint')}>
            <div data-testid="stage-follow-up">
              <DaysInput id={id('followUp')} value={stage.rules.followUpCadenceDays} min={1} max={365} onChange={(v) => set(['rules', 'followUpCadenceDays'], v)} />
            </div>
          </Field>
        </Col>
        <Col span={24}>
          <Field label={t('pipelines.stage.moveRoles')} id={id('moveRoles')} errors={e('rules.moveRoleIds')} help={t('pipelines.stage.moveRolesHint')}>
            <Select
              id={id('moveRoles')}
              mode="multiple"
              value={stage.rules.moveRoleIds}
              options={options.roles}
              placeholder={t('pipelines.stage.anyone')}
              optionFilterProp="label"
              onChange={(v) => set(['rules', 'moveRoleIds'], v)}
              data-testid="stage-move-roles"
            />
          </Field>
        </Col>
      </Row>

      <Section title={t('pipelines.gate.title')} hint={t('pipelines.gate.hint')} />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Field label={t('pipelines.gate.requiredFields')} id={id('gateFields')} errors={errorsOf(errors, `${p}.rules.gate.requiredFields`)}>
            <Select
              id={id('gateFields')}
              mode="multiple"
              value={stage.rules.gate.requiredFields}
              options={withUnknown(options.fields, stage.rules.gate.requiredFields)}
              placeholder={t('pipelines.gate.none')}
              optionFilterProp="label"
              onChange={(v) => set(['rules', 'gate', 'requiredFields'], v)}
              data-testid="gate-fields"
            />
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field label={t('pipelines.gate.requiredFiles')} id={id('gateFiles')} errors={errorsOf(errors, `${p}.rules.gate.requiredFileCategories`)}>
            <Select
              id={id('gateFiles')}
              mode="multiple"
              value={stage.rules.gate.requiredFileCategories}
              options={withUnknown(options.categories, stage.rules.gate.requiredFileCategories)}
              placeholder={t('pipelines.gate.none')}
              optionFilterProp="label"
              onChange={(v) => set(['rules', 'gate', 'requiredFileCategories'], v)}
              data-testid="gate-files"
            />
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field label={t('pipelines.gate.approval')} id={id('gateApproval')} errors={e('rules.gate.approval')} help={t('pipelines.gate.approvalHint')}>
            <Input
              id={id('gateApproval')}
              value={stage.rules.gate.approval ?? ''}
              maxLength={80}
              placeholder={t('pipelines.gate.none')}
              onChange={(ev) => set(['rules', 'gate', 'approval'], ev.target.value === '' ? null : ev.target.value)}
              data-testid="gate-approval"
            />
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label=" " colon={false} style={{ marginBottom: 14 }}>
            <Flex align="center" gap={8}>
              <Switch checked={stage.rules.gate.previousTasksDone} onChange={(v) => set(['rules', 'gate', 'previousTasksDone'], v)} id={id('gatePrevious')} data-testid="gate-previous-tasks" />
              <label htmlFor={id('gatePrevious')}>{t('pipelines.gate.previousTasksDone')}</label>
            </Flex>
          </Form.Item>
        </Col>
      </Row>

      <Section title={t('pipelines.tasks.title')} hint={t('pipelines.tasks.hint')} />
      <TaskList stage={stage} index={index} errors={errors} set={set} options={options} />
    </Form>
  );
}

/** Errors of a list and of its items (`requiredFields` and `requiredFields.2`). */
function errorsOf(errors: ErrorMap, path: string): string[] | undefined {
  const list = Object.entries(errors).flatMap(([key, messages]) => (key === path || key.startsWith(`${path}.`) ? messages : []));
  return list.length ? [...new Set(list)] : undefined;
}

/** Options plus the chosen values the options do not know (a deleted category still shows, by key). */
function withUnknown(options: Option[], values: readonly string[]): Option[] {
  const known = new Set(options.map((o) => o.value));
  return [...options, ...values.filter((v) => !known.has(v)).map((v) => ({ value: v, label: v }))];
}
