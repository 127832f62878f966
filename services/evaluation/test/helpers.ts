// The evaluation service alone for its tests (real PostgreSQL), with signed case events as the households service
// sends them (docs/events.md).
import { createHmac, randomUUID } from 'node:crypto';
import request from 'supertest';
import { type TestPlatform, as, identity, startTestPlatform } from '@second-chance/testing';
import { EVENTS_PATH, createEvaluationSubgraph } from '../src';

export const EVENT_SECRET = 'households-to-evaluation-secret-of-32-chars';

/** The service without the housing subgraph: the official status is then unknown (null), as when housing is away. */
export function startEvaluation(): Promise<TestPlatform> {
  return startTestPlatform([{ ...createEvaluationSubgraph({ eventSecrets: [EVENT_SECRET] }), calls: [] }]);
}

export const people = {
  evaluator: identity('evaluator', 'EVALUATOR:vive', 'evaluator'),
  admin: identity('platform-admin', 'PLATFORM:sc', 'admin'),
  caseworker: identity('caseworker', 'MUNICIPALITY:101', 'caseworker-101'),
  letting: identity('letting-officer', 'HOUSING_ORGANISATION:ho-1', 'letting-1'),
  finance: identity('finance-officer', 'MUNICIPALITY:101', 'finance-101'),
};

export { as };

let sequence = 0;

export interface Step {
  caseId: string;
  toState: string;
  on: string;
  pseudonym?: string;
  sending?: string;
  areaId?: string | null;
  composition?: Partial<Record<string, number>>;
  sequence?: number;
  eventId?: string;
}

/** A version-1 case event of the households service. */
export function caseEvent(step: Step) {
  const kebab = step.toState.toLowerCase().replaceAll('_', '-');
  return {
    id: step.eventId ?? randomUUID(),
    type: `relocation-case.${kebab}`,
    version: 1,
    sequence: step.sequence ?? ++sequence,
    occurredAt: new Date().toISOString(),
    aggregate: { type: 'RelocationCase', id: step.caseId },
    payload: {
      caseId: step.caseId,
      householdPseudonym: step.pseudonym ?? `hp-${step.caseId.slice(0, 12)}`,
      fromState: null,
      toState: step.toState,
      effectiveOn: step.on,
      sendingMunicipalityCode: step.sending ?? '101',
      receivingMunicipalityCode: step.areaId ? '461' : null,
      receivingHousingOrganisationId: null,
      toUnitId: null,
      toAreaId: step.areaId ?? null,
      fromUnitId: null,
      moveDate: step.toState === 'MOVED' ? step.on : null,
      composition: {
        adults: 2,
        children: 2,
        adultsOfWorkingAge: 2,
        adultsOutsideLabourMarket: 1,
        adultsWithOpenMunicipalCase: 0,
        membersWithOpenMunicipalCase: 1,
        ...step.composition,
      },
    },
  };
}

export function sign(body: string, secret = EVENT_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export async function deliver(platform: TestPlatform, event: object, signature?: string) {
  const body = JSON.stringify(event);
  const response = await request(platform.subgraph('evaluation').server.app)
    .post(EVENTS_PATH)
    .set('content-type', 'application/json')
    .set('x-second-chance-signature', signature ?? sign(body))
    .send(body);
  return { status: response.status, body: response.body as { outcome?: string; error?: string } };
}

/** A case through the programme up to `last`, one event per step, days apart from `start`. */
export async function journey(
  platform: TestPlatform,
  options: { caseId?: string; start: string; last: string; areaId?: string; sending?: string; pseudonym?: string },
): Promise<string> {
  const caseId = options.caseId ?? randomUUID();
  const states = ['NOMINATED', 'CONSENTED', 'SEARCHING', 'OFFERED', 'ACCEPTED', 'MOVED'];
  const until = states.indexOf(options.last);
  const day = new Date(`${options.start}T12:00:00Z`);
  for (const state of states.slice(0, until + 1)) {
    const { status } = await deliver(
      platform,
      caseEvent({
        caseId,
        toState: state,
        on: day.toISOString().slice(0, 10),
        areaId: ['ACCEPTED', 'MOVED'].includes(state) ? (options.areaId ?? null) : null,
        ...(options.sending ? { sending: options.sending } : {}),
        ...(options.pseudonym ? { pseudonym: options.pseudonym } : {}),
      }),
    );
    if (status !== 202) throw new Error(`event ${state} answered ${status}`);
    day.setUTCDate(day.getUTCDate() + 7);
  }
  return caseId;
}

export const HEADER =
  'area_id;year;residents;outside_work_or_education_pct;conviction_pct;national_conviction_pct;' +
  'basic_schooling_only_pct;income_of_region_pct;non_western_pct;open_municipal_case_pct';

export const IMPORT = `mutation ($input: ImportAreaIndicatorsInput!) { importAreaIndicators(input: $input) { id rows replaced } }`;
