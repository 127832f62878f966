import type { SubgraphContext } from '@second-chance/service-kit';
import type { AuditRecorder } from './store/audit';
import type { HouseholdsLoaders } from './loaders';
import type { HouseholdsServices } from './services';

export interface HouseholdsContext extends SubgraphContext<HouseholdsLoaders> {
  services: HouseholdsServices;
  /** Records each read of personal data before it is returned (one insert per batch). */
  audit: AuditRecorder;
}
