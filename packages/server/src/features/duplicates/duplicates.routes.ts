import { ProblemSchema } from '@kairos/domain/common';
import { DuplicateCheckRequestSchema, DuplicateCheckResultSchema, type DuplicateCheckRequest } from '@kairos/domain/customers';
import { normalizeMobile } from '@kairos/domain/phone';
import { EmailSchema } from '@kairos/domain/common';
import type { Core, RequestContext } from '../../core';
import { contextOf } from '../../http/auth';
import { typed, type App } from '../../http/types';
import { findContactDuplicates } from '../contacts/contacts.service';
import { findDuplicates } from '../customers/customers.service';
import { askRefMaker } from './ask-owner';
import { getWorkspaceSettings } from '../setup/workspace-settings.service';

/** The live check while someone types: customers by name/USCC/phone/domain, contacts by mobile/e-mail. */
async function checkDuplicates(core: Core, ctx: RequestContext, input: DuplicateCheckRequest) {
  const { duplicatePolicy } = await getWorkspaceSettings(core.db, ctx.actor.workspaceId);
  const matches =
    input.entity === 'contact'
      ? await findContactDuplicates(core.db, ctx.actor, {
          mobile: input.mobile ? normalizeMobile(input.mobile) : null,
          email: input.email ? (EmailSchema.safeParse(input.email).data ?? null) : null,
          excludeId: input.excludeId,
        }, askRefMaker(core, ctx.actor))
      : await findDuplicates(core.db, ctx.actor, input, askRefMaker(core, ctx.actor));
  return { policy: duplicatePolicy, matches };
}

export function registerDuplicateRoutes(app: App, core: Core) {
  typed(app).post(
    '/api/duplicates/check',
    {
      schema: {
        tags: ['duplicates'],
        summary: 'Records that look like this one, across the whole workspace (masked where the caller may not read them)',
        body: DuplicateCheckRequestSchema,
        response: { 200: DuplicateCheckResultSchema, 401: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request) => checkDuplicates(core, contextOf(request), request.body),
  );
}
