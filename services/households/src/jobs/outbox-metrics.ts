// The outbox's lag for the service's `/metrics`: read at each scrape with one cheap query (see the OutboxState
// migration), so an alert fires when finance or evaluation stops taking the events.
import type { ScrapedGauges } from '@second-chance/service-kit';

export const outboxMetrics: ScrapedGauges = {
  help: {
    outbox_deliveries_pending: 'Domain event deliveries waiting in the job queue, first tries and retries',
    outbox_oldest_pending_seconds: 'Age of the oldest event delivery still waiting: how far the subscribers are behind',
    outbox_deliveries_failed: 'Event deliveries that used every attempt and wait for an operator',
  },
  read: async (db) => {
    const [state] = await db.query<{ pending: string; failed: string; oldest_pending_seconds: number }[]>(
      'SELECT pending, failed, oldest_pending_seconds FROM households_outbox_state()',
    );
    return {
      outbox_deliveries_pending: Number(state?.pending ?? 0),
      outbox_oldest_pending_seconds: Number(state?.oldest_pending_seconds ?? 0),
      outbox_deliveries_failed: Number(state?.failed ?? 0),
    };
  },
};
