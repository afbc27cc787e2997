/** The `config` health check: where the running configuration came from, so support sees it at a glance. */
import type { ServiceHealth } from '../../shared/ipc/app';
import type { KioskConfig } from './schema';

export function configHealth(config: Pick<KioskConfig, 'mode' | 'source' | 'branchId' | 'policy'>): Omit<ServiceHealth, 'name'> {
  const policy = `idle lock ${config.policy.idleLockSeconds} s, retention ${config.policy.retentionDays} d`;
  if (config.source === 'signed-file') return { status: 'up', detail: `signed file for branch ${config.branchId} (${policy})` };
  // The Electron shell refuses production without a signed file; a host that still got here is misbuilt.
  if (config.mode === 'production') return { status: 'degraded', detail: `production without a signed configuration file: built-in defaults (${policy})` };
  return { status: 'up', detail: `${config.mode} defaults, no signed file (${policy})` };
}
