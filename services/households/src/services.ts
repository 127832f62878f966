// What the households service's resolvers and jobs share beyond the database: the keys that protect
// personal data, the event subscribers, the offer settings, and the way to the housing API.
import type { Identity } from '@second-chance/identity';
import type { ServiceLink, ServiceLinks } from '@second-chance/service-kit';
import { HousingClient } from './housing-client';
import type { RetentionSettings } from './domain/retention';
import type { PersonalDataCipher } from './privacy/cipher';

export interface EventSubscriber {
  name: string;
  url: string;
  /** Signs each delivery (HMAC-SHA-256 of the body), so the subscriber knows it comes from households. */
  secret: string;
}

export interface HouseholdsSettings {
  /** Days a household has to answer an offer when the caseworker does not say (OFFER_RESPONSE_DAYS). */
  offerResponseDays: number;
  subscribers: readonly EventSubscriber[];
  /**
   * How long households are kept once no longer needed (RETENTION_DAYS_AFTER_CLOSE, RETENTION_DAYS_NO_CASE);
   * default DEFAULT_RETENTION. Read each time the retention job runs.
   */
  retention?: RetentionSettings;
}

export interface HouseholdsServices {
  cipher: PersonalDataCipher;
  settings: HouseholdsSettings;
  housing(identity: Identity): HousingClient;
  /** The evaluation API (area figures for allocation rounds); undefined when not configured. */
  evaluation: ServiceLink | undefined;
}

export function createServices(
  cipher: PersonalDataCipher,
  settings: HouseholdsSettings,
  links: ServiceLinks,
): HouseholdsServices {
  return {
    cipher,
    settings,
    housing: (identity) => new HousingClient(links.housing, identity),
    evaluation: links.evaluation,
  };
}
