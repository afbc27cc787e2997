import type { HandlersFor } from '../handler-types';
import type { Host } from '../host';

export function agentsHandlers(host: Host): HandlersFor<'agents:'> {
  const agents = () => host.agents;
  return {
    'agents:status': async (_, ctx) => agents().status(ctx.connectionId),
    'agents:setup': async (input, ctx) => agents().setup(ctx.connectionId, input),
    'agents:login': async (input, ctx) => agents().login(ctx.connectionId, input.employeeId, input.kind, input.secret),
    'agents:logout': async (_, ctx) => ({ loggedOut: await agents().logout(ctx.connectionId) }),
    'agents:lock': async (_, ctx) => agents().lock(ctx.connectionId),
    'agents:unlock': async (input, ctx) => agents().unlock(ctx.connectionId, input.kind, input.secret),
    'agents:create': async (input, ctx) => agents().create(ctx.connectionId, input),
    'agents:list': async (_, ctx) => agents().list(ctx.connectionId),
    'agents:audit': async (input, ctx) => {
      agents().require(ctx.connectionId, 'supervisor');
      return agents().audit.list(input.limit);
    },
    'agents:set-idle-lock': async (input, ctx) => ({ idleLockSeconds: await agents().setIdleLock(ctx.connectionId, input.seconds) }),
  };
}
