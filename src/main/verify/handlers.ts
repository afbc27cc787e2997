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
    'pan:verify': async (input, ctx) => host.verify.verifyPan(agent(ctx.connectionId), input),
    'passport:verify': async (input, ctx) => host.verify.verifyPassport(agent(ctx.connectionId), input),
  };
}
