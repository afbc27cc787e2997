import { KioskError } from '../../shared/errors';
import type { HandlersFor } from '../handler-types';
import type { Host } from '../host';
import { GRIEVANCE_CONTACT, renderReceiptPdf } from './receipt';
import { CDD_MODE } from './service';

export function kycHandlers(host: Host): HandlersFor<'kyc:'> {
  const agent = (connectionId: string) => host.agents.require(connectionId);
  const kyc = () => host.kyc;
  return {
    'kyc:consent-text': async (input, ctx) => {
      agent(ctx.connectionId);
      return kyc().consentText(input.language);
    },
    'kyc:start': async (input, ctx) => kyc().start(agent(ctx.connectionId), input.language),
    'kyc:consent': async ({ caseId, ...rest }, ctx) => kyc().consent(agent(ctx.connectionId), caseId, rest),
    'kyc:method': async (input, ctx) => kyc().method(agent(ctx.connectionId), input.caseId, input.method),
    'kyc:identity': async (input, ctx) => kyc().identity(agent(ctx.connectionId), input.caseId, input.identity, input.evidence),
    'kyc:review': async (input, ctx) => kyc().review(agent(ctx.connectionId), input.caseId, input.faceMatch),
    'kyc:pan': async (input, ctx) => kyc().pan(agent(ctx.connectionId), input.caseId, input.pan),
    'kyc:aml': async (input, ctx) => kyc().aml(agent(ctx.connectionId), input.caseId, input.aml),
    'kyc:decide': async (input, ctx) => kyc().decide(agent(ctx.connectionId), input.caseId, input.decision),
    'kyc:cancel': async (input, ctx) => kyc().cancel(agent(ctx.connectionId), input.caseId),
    'kyc:receipt': async (input, ctx) => {
      const who = agent(ctx.connectionId);
      const record = await kyc().get(input.caseId);
      if (record.makerId !== who.agentId && who.role !== 'supervisor') throw new KioskError('E_KYC_NOT_YOUR_CASE', 'This case belongs to another agent.');
      const text = kyc().consentText(record.language);
      const base = {
        reference: record.reference,
        status: record.status,
        issuedAt: new Date().toISOString(),
        branchId: host.config.branchId,
        agent: `${record.makerName}`,
        cddMode: record.method ? CDD_MODE[record.method] : 'Not completed',
        maskedId: record.maskedId,
        maskedPan: record.pan?.masked ?? null,
        consents: (record.consent?.items ?? []).map((i) => ({ ...i, version: record.consent!.version })),
        withdrawalContact: text.withdrawalContact,
        grievanceContact: GRIEVANCE_CONTACT,
      };
      await host.agents.audit.append({ actorId: who.agentId, action: 'kyc.receipt', subject: record.caseId, detail: { reference: record.reference } });
      return { ...base, pdfBase64: await renderReceiptPdf(base) };
    },
    'kyc:referred': async (_, ctx) => {
      host.agents.require(ctx.connectionId, 'supervisor');
      return kyc().referred();
    },
    'kyc:review-decide': async (input, ctx) => {
      const checker = await host.agents.reauthenticate(ctx.connectionId, input.kind, input.secret);
      return kyc().reviewDecide(checker, input.caseId, input.decision, input.reason);
    },
    'kyc:open-cases': async (_, ctx) => kyc().openCases(agent(ctx.connectionId)),
    'kyc:resume': async (input, ctx) => kyc().resume(agent(ctx.connectionId), input.caseId),
    'kyc:discard': async (input, ctx) => kyc().discard(agent(ctx.connectionId), input.caseId),
    'kyc:stats': async (_, ctx) => {
      agent(ctx.connectionId);
      return kyc().stats();
    },
  };
}
