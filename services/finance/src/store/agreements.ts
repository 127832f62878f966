// Cooperation agreements and their versions. Written by a finance officer of a party (or a platform
// administrator); read through row-level security.
import type { DataSource, EntityManager } from 'typeorm';
import type { Identity } from '@second-chance/identity';
import { isUniqueViolation } from '@second-chance/db';
import { badUserInput, forbidden, notFound, todayInDenmark } from '@second-chance/service-kit';
import { financeOfficerOf, isPlatformAdmin } from '../domain/access';
import {
  type AgreementCompensationPolicy,
  type GrantPolicy,
  type Problem,
  amendmentProblem,
  compensationPolicyProblems,
  grantPolicyProblems,
  partiesProblems,
} from '../domain/agreements';
import { type Party, municipalityKey, partyKey } from '../domain/parties';
import { AgreementEntity, AgreementVersionEntity } from '../entities';

export interface AgreementTerms {
  grantPolicy: GrantPolicy;
  compensationPolicy: AgreementCompensationPolicy | null;
}

export interface NewAgreement extends AgreementTerms {
  name: string;
  parties: Party[];
  validFrom: string;
  validTo: string | null;
  idempotencyKey: string | null;
}

function refuseProblems(problems: Problem[]): void {
  const first = problems[0];
  if (first)
    throw badUserInput(
      `input.${first.path}: ${first.message}`,
      problems.map((p) => ({ ...p, path: `input.${p.path}` })),
    );
}

function termsProblems(terms: AgreementTerms, parties: readonly Party[]): Problem[] {
  return [
    ...grantPolicyProblems(terms.grantPolicy, parties),
    ...(terms.compensationPolicy ? compensationPolicyProblems(terms.compensationPolicy) : []),
  ];
}

/** The organisation a new agreement is recorded for: a finance officer's municipality, or the platform. */
function authorOf(identity: Identity, parties: readonly Party[]): string {
  const municipality = financeOfficerOf(identity);
  if (municipality) {
    if (!parties.some((p) => partyKey(p) === municipalityKey(municipality))) {
      throw forbidden('a finance officer makes agreements their own municipality is a party to');
    }
    return municipalityKey(municipality);
  }
  if (isPlatformAdmin(identity)) return `PLATFORM:${identity.organisation.id}`;
  throw forbidden('agreements are made by finance officers and platform administrators');
}

export async function createAgreement(
  db: DataSource,
  identity: Identity,
  input: NewAgreement,
): Promise<AgreementEntity> {
  const author = authorOf(identity, input.parties);
  const problems = [...partiesProblems(input.parties), ...termsProblems(input, input.parties)];
  if (input.validTo !== null && input.validTo < input.validFrom) {
    problems.push({ path: 'validTo', message: 'the agreement ends on or after it starts' });
  }
  refuseProblems(problems);

  const retried = async () =>
    input.idempotencyKey
      ? db
          .getRepository(AgreementEntity)
          .findOneBy({ createdByOrganisation: author, idempotencyKey: input.idempotencyKey })
      : null;
  const earlier = await retried();
  if (earlier) return earlier;
  try {
    return await db.transaction(async (em) => {
      const agreement = await em.getRepository(AgreementEntity).save(
        em.getRepository(AgreementEntity).create({
          name: input.name,
          parties: input.parties,
          partyKeys: input.parties.map(partyKey),
          validFrom: input.validFrom,
          validTo: input.validTo,
          createdByOrganisation: author,
          createdBy: identity.subject,
          idempotencyKey: input.idempotencyKey,
        }),
      );
      await insertVersion(em, agreement, 1, input.validFrom, input, null, identity);
      return agreement;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const first = await retried();
      if (first) return first;
    }
    throw error;
  }
}

async function insertVersion(
  em: EntityManager,
  agreement: AgreementEntity,
  version: number,
  effectiveFrom: string,
  terms: AgreementTerms,
  note: string | null,
  identity: Identity,
): Promise<AgreementVersionEntity> {
  const repository = em.getRepository(AgreementVersionEntity);
  return repository.save(
    repository.create({
      agreementId: agreement.id,
      version,
      effectiveFrom,
      partyKeys: agreement.partyKeys,
      grantPolicy: terms.grantPolicy,
      compensationPolicy: terms.compensationPolicy,
      note,
      createdBy: identity.subject,
    }),
  );
}

export interface Amendment extends AgreementTerms {
  agreementId: string;
  effectiveFrom: string;
  note: string | null;
}

/** A new version from a date on (finance officers of a municipal party, platform administrators). */
export async function amendAgreement(db: DataSource, identity: Identity, input: Amendment): Promise<AgreementEntity> {
  return db.transaction(async (em) => {
    const agreement = await em
      .getRepository(AgreementEntity)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :id', { id: input.agreementId })
      .getOne();
    const municipality = financeOfficerOf(identity);
    if (!municipality && !isPlatformAdmin(identity)) {
      throw forbidden('agreements are changed by finance officers of a party and platform administrators');
    }
    if (!agreement || (municipality && !agreement.partyKeys.includes(municipalityKey(municipality)))) {
      throw notFound('Agreement', input.agreementId);
    }
    refuseProblems(termsProblems(input, agreement.parties));
    const latest = await em
      .getRepository(AgreementVersionEntity)
      .findOneOrFail({ where: { agreementId: agreement.id }, order: { version: 'DESC' } });
    const problem = amendmentProblem(agreement, latest.effectiveFrom, input.effectiveFrom, todayInDenmark());
    if (problem)
      throw badUserInput(`input.effectiveFrom: ${problem}`, [{ path: 'input.effectiveFrom', message: problem }]);
    await insertVersion(em, agreement, latest.version + 1, input.effectiveFrom, input, input.note, identity);
    return agreement;
  });
}
