import type { Core } from '../../core';
import { insertDepartment } from '../departments/departments.service';
import { hashPassword } from '../auth/password';
import { createWorkspace, isSetupRequired } from '../setup/setup.service';
import { insertMember, listDirectoryOfWorkspace, loadActor } from '../users/users.service';
import { createCustomer } from '../customers/customers.service';
import { createFollowUp } from '../followups/followups.service';
import { createContact } from '../contacts/contacts.service';
import { createOpportunity, listTasksOfOpportunity, moveOpportunity, putTeamMember, setOpportunityTaskDone } from '../opportunities/opportunities.service';
import type { StageGate } from '@kairos/domain/stage-gates';
import { listPipelines, updatePipeline } from '../pipelines/pipelines.service';
import { definitionOfPipeline } from '@kairos/domain/pipelines';
import { createComment } from '../comments/comments.service';
import { uploadFile } from '../files/files.service';

export const DEMO_PASSWORD = 'kairos-demo-2026';
export const DEMO_ADMIN_EMAIL = 'admin@demo.kairos.dev';

export interface DemoLogin {
  email: string;
  name: string;
  role: string;
  department: string;
}

/**
 * A living demo: a mid-sized Chinese software company with a department tree and members of every role,
 * so a newcomer can sign in as a rep, a manager or legal and see what each sees. Later features add
 * their records here. Only on an empty installation; returns null otherwise.
 */
export async function createDemoWorkspace(core: Core): Promise<{ workspaceName: string; password: string; logins: DemoLogin[] } | null> {
  if (!(await isSetupRequired(core.db))) return null;
  const created = await createWorkspace(
    core,
    { workspaceName: '星辰智联科技有限公司', adminName: '周立新', email: DEMO_ADMIN_EMAIL, password: DEMO_PASSWORD, locale: 'zh-CN' },
    { firstRun: true },
  );
  const { change, roleIds } = created;
  const role = (key: string) => [roleIds.get(key) as string];
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return core.db.transaction().execute(async (trx) => {
    const dept = async (name: string, parent?: { id: string; path: string }, sort = 0) => {
      const d = await insertDepartment(trx, change, { name, parentId: parent?.id ?? null, parentPath: parent?.path ?? null, sort });
      return { id: d.id, path: `${parent?.path ?? '/'}${d.id}/`, name };
    };
    const hq = await dept('总经办', undefined, 0);
    const sales = await dept('销售中心', undefined, 1);
    const east = await dept('华东大区', sales, 0);
    const south = await dept('华南大区', sales, 1);
    const presales = await dept('售前技术部', undefined, 2);
    const legal = await dept('法务部', undefined, 3);
    const finance = await dept('财务部', undefined, 4);

    const logins: DemoLogin[] = [{ email: DEMO_ADMIN_EMAIL, name: '周立新', role: 'admin', department: '—' }];
    const member = async (name: string, email: string, roleKey: string, department: { id: string; name: string }, managerId: string | null = null) => {
      const { user } = await insertMember(trx, change, { name, email, passwordHash, departmentId: department.id, managerId, roleIds: role(roleKey), locale: 'zh-CN' });
      logins.push({ email, name, role: roleKey, department: department.name });
      return user;
    };
    const director = await member('王建国', 'wang.jianguo@demo.kairos.dev', 'manager', sales);
    const eastLead = await member('李娜', 'li.na@demo.kairos.dev', 'manager', east, director.id);
    await member('张伟', 'zhang.wei@demo.kairos.dev', 'sales', east, eastLead.id);
    await member('刘洋', 'liu.yang@demo.kairos.dev', 'sales', east, eastLead.id);
    const southLead = await member('陈静', 'chen.jing@demo.kairos.dev', 'manager', south, director.id);
    await member('黄磊', 'huang.lei@demo.kairos.dev', 'sales', south, southLead.id);
    await member('赵敏', 'zhao.min@demo.kairos.dev', 'presales', presales);
    await member('孙悦', 'sun.yue@demo.kairos.dev', 'legal', legal);
    await member('吴芳', 'wu.fang@demo.kairos.dev', 'finance', finance);
    await member('郑浩', 'zheng.hao@demo.kairos.dev', 'viewer', hq);
    return { workspaceName: created.workspace.name, password: DEMO_PASSWORD, logins };
  }).then(async (result) => {
    await configureDemoPipeline(core, created.workspace.id, created.admin.id, roleIds.get('manager') as string);
    await seedDemoCustomers(core, created.workspace.id);
    return result;
  });
}

const DEMO_CUSTOMERS: { owner: string; name: string; industry: string; province: string; city: string; level: 'A' | 'B' | 'C'; status: 'prospect' | 'active'; tags: string[]; phone?: string; website?: string; uscc?: string }[] = [
  { owner: 'zhang.wei', name: '上海云杉数据科技有限公司', industry: '软件和信息技术', province: '上海', city: '上海', level: 'A', status: 'active', tags: ['重点客户', '续约'], phone: '021-6288 1234', website: 'yunshan-data.cn' },
  { owner: 'zhang.wei', name: '杭州青禾智能制造股份有限公司', industry: '智能制造', province: '浙江', city: '杭州', level: 'A', status: 'prospect', tags: ['新客户'], phone: '13906512345' },
  { owner: 'zhang.wei', name: '苏州恒远精密机械有限公司', industry: '机械制造', province: '江苏', city: '苏州', level: 'B', status: 'prospect', tags: [] },
  { owner: 'zhang.wei', name: '南京博雅教育咨询有限公司', industry: '教育培训', province: '江苏', city: '南京', level: 'C', status: 'prospect', tags: ['渠道推荐'] },
  { owner: 'liu.yang', name: '宁波海港物流集团有限公司', industry: '交通物流', province: '浙江', city: '宁波', level: 'A', status: 'active', tags: ['重点客户'], website: 'www.nbport-logistics.com' },
  { owner: 'liu.yang', name: '合肥星火新能源科技有限公司', industry: '新能源', province: '安徽', city: '合肥', level: 'B', status: 'prospect', tags: ['展会线索'] },
  { owner: 'liu.yang', name: '无锡锦程医疗器械有限公司', industry: '医疗器械', province: '江苏', city: '无锡', level: 'B', status: 'prospect', tags: [] },
  { owner: 'huang.lei', name: '深圳前海微链金融服务有限公司', industry: '金融服务', province: '广东', city: '深圳', level: 'A', status: 'active', tags: ['重点客户', '战略'], phone: '0755-8601 3388' },
  { owner: 'huang.lei', name: '广州越秀食品集团有限公司', industry: '食品饮料', province: '广东', city: '广州', level: 'B', status: 'prospect', tags: ['新客户'] },
  { owner: 'huang.lei', name: '厦门鹭岛跨境电商有限公司', industry: '电子商务', province: '福建', city: '厦门', level: 'C', status: 'prospect', tags: [] },
  { owner: 'li.na', name: '温州瓯江阀门有限公司', industry: '机械制造', province: '浙江', city: '温州', level: 'C', status: 'prospect', tags: ['电话开发'] },
  { owner: 'chen.jing', name: '东莞松湖电子有限公司', industry: '电子制造', province: '广东', city: '东莞', level: 'B', status: 'active', tags: ['续约'] },
];

const DEMO_CONTACTS: { name: string; title: string; decisionRole: 'decision_maker' | 'influencer' | 'user' | 'champion' }[][] = [
  [
    { name: '王建华', title: '信息部总监', decisionRole: 'decision_maker' },
    { name: '刘敏', title: '采购经理', decisionRole: 'influencer' },
  ],
  [{ name: '陈志强', title: '总经理', decisionRole: 'decision_maker' }],
  [
    { name: '赵丽', title: 'IT 主管', decisionRole: 'champion' },
    { name: '孙浩', title: '销售运营', decisionRole: 'user' },
  ],
];

const DEMO_FOLLOW_UPS = [
  { type: 'visit', content: '上门拜访信息部负责人，了解现有系统痛点：数据分散在多个 Excel 中，销售交接经常丢信息。', nextStep: '准备针对性方案并约技术交流', days: 12 },
  { type: 'call', content: '电话沟通预算与决策流程：今年预算约 40 万，需要经过财务和法务审批。', nextStep: '发送报价单初稿', days: 7 },
  { type: 'meeting', content: '线上演示产品，客户对阶段门槛和审批流很感兴趣，提出需要与企业微信打通。', nextStep: '确认集成方案并报价', days: 3 },
  { type: 'wechat', content: '微信沟通：客户内部评审通过，下周安排商务谈判，关注付款方式与实施周期。', nextStep: '准备商务条款', days: 1 },
] as const;

const DEMO_DEALS = [
  { product: 'CRM 系统一期', amount: 386_000_00, stages: ['需求分析', '方案报价', '商务谈判'], close: 20 },
  { product: '数据中台建设', amount: 1_280_000_00, stages: ['需求分析', '方案报价'], close: 45 },
  { product: '年度维保续约', amount: 96_000_00, stages: ['需求分析', '方案报价', '商务谈判', '合同签署', '赢单'], close: -5 },
  { product: '销售团队扩容授权', amount: 58_500_00, stages: [], close: 60 },
  { product: '私有化部署', amount: 720_000_00, stages: ['需求分析', '输单'], close: -10 },
  { product: '移动端定制开发', amount: 215_000_00, stages: ['需求分析', '方案报价', '商务谈判', '合同签署'], close: 10 },
  { product: '智能客服 POC', amount: 150_000_00, stages: ['需求分析'], close: 35 },
] as const;

const DEAL_FOLLOW_UPS = {
  需求分析: '与业务负责人梳理需求：线索分配、阶段门槛、审批流，确认了 3 个必须项。',
  方案报价: '提交方案与报价单，客户技术团队认可架构，对价格有 10% 的压价空间预期。',
  商务谈判: '商务谈判：付款方式改为 4-3-3，实施周期 8 周，法务在审合同条款。',
  合同签署: '合同进入用印流程，预计本周内回签。',
} as Record<string, string>;

/**
 * The process a sales director would write down: no skipping stages, a quote and the 方案报价 checklist
 * before 商务谈判, only managers move deals into 合同签署, and a signed contract before 赢单.
 */
async function configureDemoPipeline(core: Core, workspaceId: string, adminId: string, managerRoleId: string): Promise<void> {
  const pipeline = (await listPipelines(core.db, workspaceId)).find((p) => p.isDefault);
  const admin = await loadActor(core.db, workspaceId, adminId);
  if (!pipeline || !admin) throw new Error('demo: no default pipeline or administrator');
  const gate = (partial: Partial<StageGate>): StageGate => ({ requiredFields: [], requiredFileCategories: [], previousTasksDone: false, approval: null, ...partial });
  const definition = definitionOfPipeline(pipeline);
  definition.rules = { allowSkip: false, backwardNeedsReason: true };
  for (const stage of definition.stages) {
    if (stage.nameZh === '方案报价') stage.rules.gate = gate({ requiredFields: ['amount'], previousTasksDone: true });
    if (stage.nameZh === '商务谈判') stage.rules.gate = gate({ requiredFields: ['amount', 'expectedCloseOn'], requiredFileCategories: ['quote'], previousTasksDone: true });
    if (stage.nameZh === '合同签署') {
      stage.rules.gate = gate({ previousTasksDone: true });
      stage.rules.moveRoleIds = [managerRoleId];
    }
    if (stage.outcome === 'won') stage.rules.gate = gate({ requiredFields: ['amount'], requiredFileCategories: ['contract'], previousTasksDone: true });
  }
  await updatePipeline(core, { actor: admin.actor, requestId: 'demo', locale: 'zh-CN' }, pipeline.id, pipeline.version, definition);
}

/**
 * Deals on the demo customers, each walked through the pipeline in the past (a clock set back per step),
 * so the stage events, days in stage and timelines look like months of real work. Presales sits on the
 * larger deals' teams.
 */
async function seedDemoDeals(core: Core, workspaceId: string, customers: { id: string; ctx: Parameters<typeof createOpportunity>[1] }[], presalesId: string | undefined, directorId: string | undefined): Promise<void> {
  const pipeline = (await listPipelines(core.db, workspaceId)).find((p) => p.isDefault);
  if (!pipeline) return;
  const director = directorId ? await loadActor(core.db, workspaceId, directorId) : null;
  const managerCtx = director ? { actor: director.actor, requestId: 'demo', locale: 'zh-CN' as const } : null;
  const stageId = (name: string) => pipeline.stages.find((s) => s.nameZh === name)?.id as string;
  const today = core.clock.now().getTime();
  for (const [index, { id: customerId, ctx }] of customers.entries()) {
    for (const [n, deal] of [DEMO_DEALS[index % DEMO_DEALS.length]!, DEMO_DEALS[(index + 2) % DEMO_DEALS.length]!].entries()) {
      let at = today - (40 + index * 3 + n * 5) * 86_400_000;
      const past = { ...core, clock: { now: () => new Date(at) } };
      const close = new Date(today + deal.close * 86_400_000).toISOString().slice(0, 10);
      let current = await createOpportunity(past, ctx, { name: `${deal.product}`, customerId, amount: deal.amount, expectedCloseOn: close, source: 'existing_customer', tags: [], team: [] }, null);
      if (presalesId && deal.amount >= 300_000_00) current = await putTeamMember(past, ctx, current.id, presalesId, { role: 'presales', access: 'edit' });
      if (index === 0 && n === 0) {
        await createComment(past, ctx, { targetType: 'opportunity', targetId: current.id, body: '@赵敏 客户希望下周看私有化部署的技术方案，能否一起过一下？', mentions: presalesId ? [presalesId] : [] }, null);
      }
      for (const stage of deal.stages) {
        at += (4 + ((index + n) % 6)) * 86_400_000;
        const fileIds: string[] = [];
        if (stage === '商务谈判') {
          // The quote that was sent in 方案报价, as a real (tiny) PDF, attached to the negotiation meeting's follow-up.
          const pdf = Buffer.from(`%PDF-1.4\n% ${deal.product} quote\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
          fileIds.push((await uploadFile(past, ctx, { targetType: 'opportunity', targetId: current.id, category: 'quote', name: `${deal.product}-报价单.pdf` }, pdf)).id);
        }
        if (stage === '赢单') {
          const pdf = Buffer.from(`%PDF-1.4\n% ${deal.product} contract\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
          fileIds.push((await uploadFile(past, ctx, { targetType: 'opportunity', targetId: current.id, category: 'contract', name: `${deal.product}-合同.pdf` }, pdf)).id);
        }
        const note = DEAL_FOLLOW_UPS[stage];
        if (note) {
          const mentions = stage === '商务谈判' && presalesId && current.team.some((t) => t.userId === presalesId) ? [presalesId] : [];
          await createFollowUp(past, ctx, { targetType: 'opportunity', targetId: current.id, type: 'meeting', content: note, nextStep: '推进到下一阶段', nextFollowUpOn: new Date(at + 5 * 86_400_000).toISOString().slice(0, 10), occurredAt: new Date(at - 3_600_000).toISOString(), closing: false, mentions, fileIds }, null);
        }
        // The stage's checklist is done before the deal moves on, as the gates ask.
        for (const task of (await listTasksOfOpportunity(past, ctx, current.id)).items.filter((t) => t.stageId === current.stageId && !t.doneAt)) {
          await setOpportunityTaskDone(past, ctx, current.id, task.id, true);
        }
        // 合同签署 is the regional manager's to enter.
        const mover = stage === '合同签署' && managerCtx ? managerCtx : ctx;
        current = await moveOpportunity(past, mover, current.id, { version: current.version, stageId: stageId(stage), ...(stage === '输单' ? { lossReason: 'competitor', competitor: '某国际 CRM 厂商' } : {}) });
      }
    }
  }
}

/** Customers spread over the reps, each with contacts and a short, realistic history of follow-ups. */
async function seedDemoCustomers(core: Core, workspaceId: string): Promise<void> {
  const members = await listDirectoryOfWorkspace(core.db, workspaceId);
  const byLogin = new Map(members.map((m) => [m.email.split('@')[0], m.id]));
  const today = core.clock.now();
  const made: { id: string; ctx: Parameters<typeof createOpportunity>[1] }[] = [];
  for (const [index, customer] of DEMO_CUSTOMERS.entries()) {
    const ownerId = byLogin.get(customer.owner);
    const loaded = ownerId ? await loadActor(core.db, workspaceId, ownerId) : null;
    if (!loaded) continue;
    const ctx = { actor: loaded.actor, requestId: 'demo', locale: 'zh-CN' as const };
    const { owner: _owner, ...fields } = customer;
    const created = await createCustomer(core, ctx, { ...fields, type: 'company', acknowledgeDuplicates: true }, null);
    made.push({ id: created.id, ctx });
    const people = DEMO_CONTACTS[index % DEMO_CONTACTS.length] ?? [];
    for (const [n, person] of people.entries()) {
      await createContact(core, ctx, { customerId: created.id, ...person, mobile: `1${38 + (index % 10)}${String(index * 10 + n).padStart(8, '0')}`, tags: [], acknowledgeDuplicates: true }, null);
    }
    const history = DEMO_FOLLOW_UPS.slice(0, 1 + (index % DEMO_FOLLOW_UPS.length));
    for (const [step, entry] of history.entries()) {
      const occurred = new Date(today.getTime() - (entry.days + (history.length - step)) * 86_400_000);
      const next = new Date(occurred.getTime() + 7 * 86_400_000);
      await createFollowUp(core, ctx, { targetType: 'customer', targetId: created.id, type: entry.type, content: entry.content, nextStep: entry.nextStep, nextFollowUpOn: next.toISOString().slice(0, 10), occurredAt: occurred.toISOString(), closing: false, mentions: [], fileIds: [] }, null);
    }
  }
  await seedDemoDeals(core, workspaceId, made, byLogin.get('zhao.min'), byLogin.get('wang.jianguo'));
}
