// The receiving end of the households service's domain events (docs/events.md), the same for every subscriber:
// a signed POST per event. The body's HMAC is checked in constant time before anything in it is trusted; the
// subscriber parses what it reads of the event and applies it (once per event id, its own business).
import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { type Express } from 'express';
import type { z } from 'zod';
import type { Logger } from './logger';

export const EVENT_SIGNATURE_HEADER = 'x-second-chance-signature';
export const EVENTS_PATH = '/events';

/** An event that is signed but cannot be applied as it is (400: the sender tries again, the operator sees it). */
export class InvalidEventError extends Error {}

export function signatureMatches(body: string, header: string | undefined, secrets: readonly string[]): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  return secrets.some((secret) => {
    const expected = createHmac('sha256', secret).update(body).digest();
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

export interface EventInbox<E extends { id: string; type: string }> {
  /** Secrets the sender may sign with, current first (two during a rotation). */
  secrets: readonly string[];
  /** What the subscriber reads of an event; anything else in the body is ignored. */
  schema: z.ZodType<E>;
  /** Applies the event (idempotently) and says what came of it. */
  apply: (event: E) => Promise<string>;
  log: Logger;
}

/** `POST /events`: 202 when applied (or already applied), 401 unsigned, 400 malformed, 500 when it failed. */
export function mountEventInbox<E extends { id: string; type: string }>(app: Express, inbox: EventInbox<E>): void {
  const { secrets, schema, apply, log } = inbox;
  app.post(EVENTS_PATH, express.text({ type: 'application/json', limit: '256kb' }), (req, res) => {
    const body = typeof req.body === 'string' ? req.body : '';
    if (secrets.length === 0 || !signatureMatches(body, req.header(EVENT_SIGNATURE_HEADER), secrets)) {
      res.status(401).json({ error: 'the event is not signed with a secret this service knows' });
      return;
    }
    let parsed: ReturnType<typeof schema.safeParse>;
    try {
      parsed = schema.safeParse(JSON.parse(body));
    } catch {
      res.status(400).json({ error: 'the body is not JSON' });
      return;
    }
    if (!parsed.success) {
      res.status(400).json({ error: `not an event: ${parsed.error.issues[0]?.message ?? 'invalid'}` });
      return;
    }
    const event = parsed.data;
    apply(event).then(
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
