// Allocation rounds (tilflytterstyring) in the households service, where the facts the law's letting rules need
// are: gather the vacancies (housing), the areas' status and letting policy (housing) and figures (evaluation),
// the seekers (here), let the allocation model propose, and keep every proposal with its reasons. Proposals,
// never decisions: a caseworker accepts one (it becomes an offer through the ordinary offer flow) or rejects it.
import type { DataSource } from 'typeorm';
import type { Identity } from '@second-chance/identity';
import {
  type Area,
  type AreaStatus,
  type Commitment,
  DEFAULT_WEIGHTS,
  type RoundInput,
  type Vacancy,
  type Weights,
  greedyRound,
  lettingRulesOn,
  runRound,
} from '@second-chance/allocation';
import {
  type Logger,
  ServiceCallError,
  badUserInput,
  conflict,
  forbidden,
  isId,
  notFound,
  todayInDenmark,
} from '@second-chance/service-kit';
import { latestAreaFigures } from '../evaluation-client';
import {
  AllocationProposalEntity,
  AllocationRoundEntity,
  AllocationWeightsEntity,
  InMoverApplicationEntity,
  type OfferEntity,
} from '../entities';
import type { HouseholdsServices } from '../services';
import { gatherSeekers } from './allocation-seekers';
import { findCase } from './cases';
import { makeOffer } from './offers';
import { requireProcessing } from './processing';

const STATUSES: readonly AreaStatus[] = [
  'NONE',
  'PREVENTION_AREA',
  'VULNERABLE_AREA',
  'PARALLEL_SOCIETY',
  'TRANSFORMATION_AREA',
];

export interface RoundRequest {
  date?: string | null;
  commitments?: Commitment[] | null;
  weights?: Partial<Weights> | null;
}

/** The weights in force: the newest set by a platform administrator, else the documented defaults. */
export async function currentWeights(
  db: DataSource,
): Promise<{ weights: Weights; setBy: string | null; setAt: Date | null; note: string | null }> {
  const [latest] = await db.getRepository(AllocationWeightsEntity).find({ order: { id: 'DESC' }, take: 1 });
  return latest
    ? {
        weights: { ...DEFAULT_WEIGHTS, ...latest.weights },
        setBy: latest.setBy,
        setAt: latest.setAt,
        note: latest.note,
      }
    : { weights: DEFAULT_WEIGHTS, setBy: null, setAt: null, note: null };
}

export function checkWeights(weights: Partial<Weights>, path: string): Partial<Weights> {
  for (const [key, value] of Object.entries(weights)) {
    if (value === undefined || value === null) continue;
    if (!(key in DEFAULT_WEIGHTS))
      throw badUserInput(`${path}.${key}: not a weight`, [{ path: `${path}.${key}`, message: 'unknown' }]);
    if (!Number.isFinite(value) || value < 0 || value > 1_000_000) {
      throw badUserInput(`${path}.${key}: from 0 to 1,000,000`, [{ path: `${path}.${key}`, message: 'out of range' }]);
    }
  }
  return Object.fromEntries(Object.entries(weights).filter(([, v]) => v !== undefined && v !== null));
}

export async function setWeights(db: DataSource, identity: Identity, weights: Partial<Weights>, note: string) {
  const valid = checkWeights(weights, 'input');
  if (!note.trim()) throw badUserInput('note: say why the weights change', [{ path: 'note', message: 'required' }]);
  const current = await currentWeights(db);
  await db.getRepository(AllocationWeightsEntity).insert({
    weights: { ...current.weights, ...valid },
    note: note.trim().slice(0, 2000),
    setBy: identity.subject,
  });
  return currentWeights(db);
}

function checkRequest(request: RoundRequest): { date: string; commitments: Commitment[] | null } {
  const date = request.date ?? todayInDenmark();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
    throw badUserInput('date: YYYY-MM-DD', [{ path: 'input.date', message: 'not a date' }]);
  try {
    lettingRulesOn(date);
  } catch (error) {
    throw badUserInput(`date: ${(error as Error).message}`, [{ path: 'input.date', message: 'no rules in force' }]);
  }
  const commitments = request.commitments ?? null;
  const seen = new Set<string>();
  for (const [i, c] of (commitments ?? []).entries()) {
    const path = `input.commitments.${i}`;
    if (!/^\d{3}$/.test(c.municipalityCode))
      throw badUserInput(`${path}: not a municipality code`, [{ path, message: 'municipality code' }]);
    if (!Number.isInteger(c.households) || c.households < 0 || c.households > 100_000) {
      throw badUserInput(`${path}.households: from 0 to 100,000`, [{ path, message: 'out of range' }]);
    }
    if (seen.has(c.municipalityCode))
      throw badUserInput(`${path}: ${c.municipalityCode} twice`, [{ path, message: 'twice' }]);
    seen.add(c.municipalityCode);
  }
  return { date, commitments };
}

/** Runs a round and keeps it: proposals of earlier rounds still awaiting a decision are superseded. */
export async function runAllocationRound(
  db: DataSource,
  services: HouseholdsServices,
  identity: Identity,
  log: Logger,
  request: RoundRequest,
): Promise<AllocationRoundEntity> {
  const { date, commitments } = checkRequest(request);
  const weights = { ...(await currentWeights(db)).weights, ...checkWeights(request.weights ?? {}, 'input.weights') };

  let published;
  try {
    published = await services.housing(identity).roundVacancies(date);
  } catch (error) {
    if (error instanceof ServiceCallError) throw error.toGraphQLError();
    throw error;
  }
  const areaIds = [...new Set(published.map((v) => v.unit.department.area.id))];
  const figures = await latestAreaFigures(services.evaluation, identity, areaIds, Number(date.slice(0, 4)), log);
  const areas = new Map<string, Area>();
  const organisationOf = new Map<string, string>();
  const vacancies: Vacancy[] = published.map((v) => {
    const area = v.unit.department.area;
    if (!areas.has(area.id)) {
      const status = (STATUSES as readonly string[]).includes(area.officialStatus?.status ?? '')
        ? (area.officialStatus?.status as AreaStatus)
        : 'NONE';
      const figure = figures.get(area.id);
      areas.set(area.id, {
        id: area.id,
        name: area.name,
        municipalityCode: area.municipality.code,
        status,
        combinedLetting: area.lettingPolicy?.combinedLetting ?? false,
        residents: figure?.residents ?? null,
        outsideWorkOrEducationPpm: figure?.outsideWorkOrEducationPpm ?? null,
      });
    }
    organisationOf.set(v.id, v.unit.department.organisation.id);
    return {
      id: v.id,
      unitId: v.unit.id,
      areaId: area.id,
      municipalityCode: area.municipality.code,
      channel: v.channel,
      rooms: v.unit.rooms,
      stepFreeAccess: v.unit.stepFreeAccess,
      monthlyRentOre: v.unit.monthlyRentOre,
      availableFrom: v.availableFrom,
    };
  });
  const seekers = await gatherSeekers(db, services, identity, date);
  const input: RoundInput = { date, seekers, vacancies, areas: [...areas.values()], commitments, weights };
  const result = await runRound(input);
  const baseline = greedyRound(input);
  const seekerById = new Map(seekers.map((s) => [s.id, s]));
  const vacancyById = new Map(vacancies.map((v) => [v.id, v]));

  return db.transaction(async (em) => {
    const round = await em.getRepository(AllocationRoundEntity).save(
      em.getRepository(AllocationRoundEntity).create({
        roundDate: date,
        ruleVersion: result.ruleVersion,
        weights: { ...result.weights },
        commitments,
        objective: result.objective,
        lpBound: result.lpBound,
        greedyObjective: baseline.objective,
        greedyPlaced: baseline.proposals.length,
        stats: { ...result.stats, placed: result.proposals.length },
        areaProjections: result.areas,
        runBy: identity.subject,
      }),
    );
    await em
      .createQueryBuilder()
      .update(AllocationProposalEntity)
      .set({ status: 'SUPERSEDED' })
      .where("status = 'PROPOSED' AND round_id <> :round", { round: round.id })
      .execute();
    const rows = result.seekers.map((outcome) => {
      const seeker = seekerById.get(outcome.seekerId);
      if (!seeker) throw new Error(`the model answered for an unknown seeker ${outcome.seekerId}`);
      const vacancy = outcome.proposal ? vacancyById.get(outcome.proposal.vacancyId) : undefined;
      return {
        roundId: round.id,
        seekerKind: seeker.kind,
        householdId: seeker.householdId,
        caseId: seeker.caseId,
        applicationId: seeker.applicationId,
        municipalityCode: seeker.municipalityCode,
        householdSize: seeker.members.length,
        needs: { ...seeker.needs },
        vacancyId: vacancy?.id ?? null,
        unitId: vacancy?.unitId ?? null,
        areaId: vacancy?.areaId ?? null,
        organisationId: vacancy ? (organisationOf.get(vacancy.id) ?? null) : null,
        receivingMunicipalityCode: vacancy?.municipalityCode ?? null,
        cost: outcome.proposal?.cost ?? null,
        costParts: outcome.proposal ? { ...outcome.proposal.parts } : null,
        why: outcome.proposal?.why ?? [],
        whyNot: outcome.whyNot,
        excludedByRule: outcome.excludedByRule,
        explanation: outcome.explanation,
        status: vacancy ? ('PROPOSED' as const) : ('NO_PROPOSAL' as const),
        rejectionReason: null,
        offerId: null,
        decidedBy: null,
        decidedAt: null,
      };
    });
    for (let i = 0; i < rows.length; i += 1000) {
      await em.getRepository(AllocationProposalEntity).insert(rows.slice(i, i + 1000));
    }
    return round;
  });
}

export async function findProposal(db: DataSource, id: string): Promise<AllocationProposalEntity> {
  const found = isId(id) ? await db.getRepository(AllocationProposalEntity).findOneBy({ id }) : null;
  if (!found) throw notFound('proposal', id);
  return found;
}

/** Only the household's own municipality decides on a proposal. */
export function requireDecider(identity: Identity, proposal: AllocationProposalEntity): void {
  if (
    !identity.roles.includes('caseworker') ||
    identity.organisation.type !== 'MUNICIPALITY' ||
    identity.organisation.id !== proposal.municipalityCode
  ) {
    throw forbidden("a proposal is decided by the caseworkers of the household's municipality");
  }
}

function requireOpen(proposal: AllocationProposalEntity): void {
  if (proposal.status !== 'PROPOSED') throw conflict(`the proposal is ${proposal.status}, not awaiting a decision`);
}

/**
 * Accepts a proposal. For a relocation case the vacancy is offered through the ordinary offer flow (reservation,
 * deadline, the household's answer); for an application the municipality allocates by its own procedure.
 */
export async function acceptProposal(
  db: DataSource,
  services: HouseholdsServices,
  identity: Identity,
  proposal: AllocationProposalEntity,
  responseDays: number | null,
): Promise<{ proposal: AllocationProposalEntity; offer: OfferEntity | null }> {
  requireDecider(identity, proposal);
  requireOpen(proposal);
  await requireProcessing(db, proposal.householdId, 'accepting a proposal');
  let offer: OfferEntity | null = null;
  if (proposal.caseId && proposal.vacancyId) {
    const kase = await findCase(db.manager, proposal.caseId);
    offer = await makeOffer(db, services, identity, kase, {
      caseId: kase.id,
      vacancyId: proposal.vacancyId,
      responseDays: responseDays ?? services.settings.offerResponseDays,
      note: `proposed by allocation round ${proposal.roundId}`,
    });
  } else if (proposal.applicationId) {
    const application = await db.getRepository(InMoverApplicationEntity).findOneBy({ id: proposal.applicationId });
    if (application?.status !== 'ACTIVE') throw conflict('the application is no longer active');
  }
  const updated = await db
    .createQueryBuilder()
    .update(AllocationProposalEntity)
    .set({ status: 'ACCEPTED', offerId: offer?.id ?? null, decidedBy: identity.subject, decidedAt: new Date() })
    .where("id = :id AND status = 'PROPOSED'", { id: proposal.id })
    .execute();
  if (updated.affected !== 1) throw conflict('the proposal was decided while you were deciding it');
  return { proposal: await findProposal(db, proposal.id), offer };
}

export async function rejectProposal(
  db: DataSource,
  identity: Identity,
  proposal: AllocationProposalEntity,
  reason: string,
): Promise<AllocationProposalEntity> {
  requireDecider(identity, proposal);
  const text = reason.trim();
  if (text.length < 3 || text.length > 2000) {
    throw badUserInput('reason: say why, in 3 to 2,000 characters', [{ path: 'reason', message: 'required' }]);
  }
  requireOpen(proposal);
  const updated = await db
    .createQueryBuilder()
    .update(AllocationProposalEntity)
    .set({ status: 'REJECTED', rejectionReason: text, decidedBy: identity.subject, decidedAt: new Date() })
    .where("id = :id AND status = 'PROPOSED'", { id: proposal.id })
    .execute();
  if (updated.affected !== 1) throw conflict('the proposal was decided while you were deciding it');
  return findProposal(db, proposal.id);
}

export function checkId(value: string, path: string): string {
  if (!isId(value)) throw badUserInput(`${path}: not an id`, [{ path, message: 'not an id' }]);
  return value;
}

/** The weights a client gave (GraphQL's omitted and null both mean "as in force"). */
export function definedWeights(input: Partial<Record<keyof Weights, number | null | undefined>>): Partial<Weights> {
  const out: Partial<Weights> = {};
  for (const key of Object.keys(DEFAULT_WEIGHTS) as (keyof Weights)[]) {
    const value = input[key];
    if (value !== null && value !== undefined) out[key] = value;
  }
  return out;
}
