import { claimFromPan, claimFromPassport } from '../../shared/kyc/claims';
import type { HandlersFor } from '../handler-types';
import type { Host } from '../host';

export function verifyHandlers(host: Host): HandlersFor<'otp:'> & HandlersFor<'bio:'> & HandlersFor<'pan:'> & HandlersFor<'passport:'> {
  const agent = (connectionId: string) => host.agents.require(connectionId);
  return {
    'otp:request': async (input, ctx) => host.verify.requestOtp(agent(ctx.connectionId), input),
    'otp:verify': async (input, ctx) => host.verify.verifyOtp(agent(ctx.connectionId), input),
    'bio:prepare': async (input, ctx) => {
      agent(ctx.connectionId);
      return host.verify.prepareBio(input.modality);
    },
    'bio:authenticate': async (input, ctx) => host.verify.authenticateBio(agent(ctx.connectionId), input),
    // The answers feed the case's cross-match here, in main: the renderer never supplies them to kyc.
    'pan:verify': async (input, ctx) => {
      const who = agent(ctx.connectionId);
      const result = await host.verify.verifyPan(who, input);
      await host.kyc.documentChecked(who, input.caseId, claimFromPan({ name: input.name, dob: input.dob }, result));
      return result;
    },
    'passport:verify': async (input, ctx) => {
      const who = agent(ctx.connectionId);
      const result = await host.verify.verifyPassport(who, input);
      await host.kyc.documentChecked(who, input.caseId, claimFromPassport(result));
      return result;
    },
  };
}
