// The inbox for domain events from the households service (docs/events.md): a signed POST per event. The body's
// HMAC is checked in constant time before anything in it is trusted; each event id is applied once.
import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { type Express } from 'express';
import type { DataSource } from 'typeorm';
import type { Logger } from '@second-chance/service-kit';
import { InvalidEventError, caseEventSchema, receiveEvent } from '../store/entitlements';

export const EVENT_SIGNATURE_HEADER = 'x-second-chance-signature';
export const EVENTS_PATH = '/events';

function signatureMatches(body: string, header: string | undefined, secrets: readonly string[]): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  return secrets.some((secret) => {
    const expected = createHmac('sha256', secret).update(body).digest();
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** `POST /events`: 202 when applied (or already applied), 401 unsigned, 400 malformed (the sender retries). */
export function eventInbox(app: Express, db: DataSource, log: Logger, secrets: readonly string[]): void {
  app.post(EVENTS_PATH, express.text({ type: 'application/json', limit: '256kb' }), (req, res) => {
    const body = typeof req.body === 'string' ? req.body : '';
    if (secrets.length === 0 || !signatureMatches(body, req.header(EVENT_SIGNATURE_HEADER), secrets)) {
      res.status(401).json({ error: 'the event is not signed with a secret this service knows' });
      return;
    }
    let parsed: ReturnType<typeof caseEventSchema.safeParse>;
    try {
      parsed = caseEventSchema.safeParse(JSON.parse(body));
    } catch {
      res.status(400).json({ error: 'the body is not JSON' });
      return;
    }
    if (!parsed.success) {
      res.status(400).json({ error: `not an event: ${parsed.error.issues[0]?.message ?? 'invalid'}` });
      return;
    }
    const event = parsed.data;
    receiveEvent(db, event).then(
      (outcome) => {
        log.info({ eventId: event.id, type: event.type, outcome }, 'event received');
        res.status(202).json({ outcome });
      },
      (error: unknown) => {
        if (error instanceof InvalidEventError) {
          log.warn({ eventId: event.id, error: error.message }, 'event refused');
          res.status(400).json({ error: error.message });
          return;
        }
        log.error({ eventId: event.id, err: error }, 'event could not be applied');
        res.status(500).json({ error: 'the event could not be applied; send it again' });
      },
    );
  });
}
