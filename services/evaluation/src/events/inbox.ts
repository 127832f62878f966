// The inbox for domain events from the households service (docs/events.md), mounted by the service kit: the
// signature is checked there; evaluation applies each event id once.
import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { EVENTS_PATH, type Logger, mountEventInbox } from '@second-chance/service-kit';
import { caseEventSchema, receiveEvent } from '../store/events';

export { EVENTS_PATH };

export function eventInbox(app: Express, db: DataSource, log: Logger, secrets: readonly string[]): void {
  mountEventInbox(app, { secrets, schema: caseEventSchema, apply: (event) => receiveEvent(db, event), log });
}
