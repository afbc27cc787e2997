/** `app:*` channels: what the kiosk is and which of its services are up. */
import { z } from 'zod';
import { defineChannel } from './define';

export const AppModeSchema = z.enum(['demo', 'development', 'production']);
export type AppMode = z.infer<typeof AppModeSchema>;

export const AppInfoSchema = z.object({
  productName: z.string(),
  version: z.string(),
  build: z.string(),
  mode: AppModeSchema,
  platform: z.string(),
  arch: z.string(),
  runtime: z.enum(['electron', 'web', 'cli']),
  nodeVersion: z.string(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const ServiceHealthSchema = z.object({
  name: z.string(),
  status: z.enum(['up', 'degraded', 'down']),
  detail: z.string().optional(),
});
export type ServiceHealth = z.infer<typeof ServiceHealthSchema>;

export const AppHealthSchema = z.object({
  status: z.enum(['up', 'degraded', 'down']),
  checkedAt: z.string(),
  services: z.array(ServiceHealthSchema),
});
export type AppHealth = z.infer<typeof AppHealthSchema>;

export const appChannels = {
  'app:info': defineChannel(z.undefined(), AppInfoSchema),
  'app:health': defineChannel(z.undefined(), AppHealthSchema),
};
