/** `agents:*` channels: first-run setup, login by password or PIN, lock/unlock, agent accounts, the audit viewer. */
import { z } from 'zod';
import { defineChannel } from './define';

export const AgentRoleSchema = z.enum(['agent', 'supervisor']);
export type AgentRole = z.infer<typeof AgentRoleSchema>;

/** Employee IDs are short upper-case codes such as "EMP-0042". */
export const EmployeeIdSchema = z.string().trim().min(3).max(32).regex(/^[A-Za-z0-9._-]+$/);
export const PasswordSchema = z.string().min(8).max(128);
export const PinSchema = z.string().regex(/^\d{4,8}$/);
export const SecretKindSchema = z.enum(['password', 'pin']);

export const AgentSummarySchema = z.object({
  id: z.string(),
  employeeId: z.string(),
  name: z.string(),
  role: AgentRoleSchema,
  hasPin: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type AgentSummary = z.infer<typeof AgentSummarySchema>;

export const AgentSessionSchema = z.object({
  agentId: z.string(),
  employeeId: z.string(),
  name: z.string(),
  role: AgentRoleSchema,
  locked: z.boolean(),
  startedAt: z.string(),
});
export type AgentSession = z.infer<typeof AgentSessionSchema>;

/**
 * Idle auto-lock bounds, shared by the signed kiosk policy (`idleLockSeconds`) and the
 * supervisor's `agents:set-idle-lock`, so neither can set what the other refuses. The domain
 * reference asks for 2–5 minutes idle (configurable); a bank kiosk never waits longer than 15.
 */
export const IDLE_LOCK_MIN_SECONDS = 30;
export const IDLE_LOCK_MAX_SECONDS = 900;
export const IdleLockSecondsSchema = z.number().int().min(IDLE_LOCK_MIN_SECONDS).max(IDLE_LOCK_MAX_SECONDS);

export const AgentsStatusSchema = z.object({
  /** No account exists yet: the first screen creates the supervisor. */
  firstRun: z.boolean(),
  session: AgentSessionSchema.nullable(),
  idleLockSeconds: z.number().int().positive(),
});
export type AgentsStatus = z.infer<typeof AgentsStatusSchema>;

const NewAgentSchema = z.object({
  employeeId: EmployeeIdSchema,
  name: z.string().trim().min(1).max(80),
  password: PasswordSchema,
  pin: PinSchema.optional(),
});

export const AuditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  subject: z.string().nullable(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const agentsChannels = {
  'agents:status': defineChannel(z.undefined(), AgentsStatusSchema),
  /** First run only: creates the first supervisor and logs them in. */
  'agents:setup': defineChannel(NewAgentSchema, AgentSessionSchema),
  'agents:login': defineChannel(z.object({ employeeId: EmployeeIdSchema, kind: SecretKindSchema, secret: z.string().min(1).max(128) }), AgentSessionSchema),
  'agents:logout': defineChannel(z.undefined(), z.object({ loggedOut: z.boolean() })),
  /** Idle auto-lock: the session stays, its data is hidden until the same agent unlocks. */
  'agents:lock': defineChannel(z.undefined(), AgentSessionSchema),
  'agents:unlock': defineChannel(z.object({ kind: SecretKindSchema, secret: z.string().min(1).max(128) }), AgentSessionSchema),
  /** Supervisors only. */
  'agents:create': defineChannel(NewAgentSchema.extend({ role: AgentRoleSchema }), AgentSummarySchema),
  'agents:list': defineChannel(z.undefined(), z.array(AgentSummarySchema)),
  'agents:audit': defineChannel(z.object({ limit: z.number().int().min(1).max(500).default(100) }), z.array(AuditEntrySchema)),
  'agents:set-idle-lock': defineChannel(z.object({ seconds: IdleLockSecondsSchema }), z.object({ idleLockSeconds: z.number().int() })),
};
