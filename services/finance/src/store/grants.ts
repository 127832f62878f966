// Moving grants: applied for by the sending municipality, approved within the agreement's cap and budget,
// split between the payers, paid, declined or withdrawn. Every change is one transaction that locks the grant
// (and, for an approval, the agreement, so two approvals cannot both spend the last of a budget).
import type { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '@second-chance/db';
import type { Identity } from '@second-chance/identity';
import { badUserInput, conflict, forbidden, notFound, todayInDenmark } from '@second-chance/service-kit';
import { financeOfficerOf, municipalStaffOf } from '../domain/access';
import { type GrantPolicy, inValidity, resolvePayers, versionOn } from '../domain/agreements';
import { type GrantDecision, type GrantStatus, approvalProblem, committedOre, grantTransition } from '../domain/grants';
import { municipalityKey } from '../domain/parties';
import { splitAmount } from '../domain/split';
import { AgreementEntity, AgreementVersionEntity, GrantEntity, GrantPaymentEntity } from '../entities';

export interface GrantApplication {
  caseId: string;
  agreementId: string;
  receivingMunicipalityCode: string;
  receivingHousingOrganisationId: string | null;
  requestedOre: number;
  purpose: string;
  idempotencyKey: string | null;
}

const invalid = (path: string, message: string) => badUserInput(`${path}: ${message}`, [{ path, message }]);

export async function applyForGrant(db: DataSource, identity: Identity, input: GrantApplication): Promise<GrantEntity> {
  const municipality = municipalStaffOf(identity);
  if (!municipality) throw forbidden('grants are applied for by caseworkers and finance officers of a municipality');
  const grants = db.getRepository(GrantEntity);
  const retried = () =>
    input.idempotencyKey
      ? grants.findOneBy({ sendingMunicipalityCode: municipality, idempotencyKey: input.idempotencyKey })
      : Promise.resolve(null);
  const earlier = await retried();
  if (earlier) return earlier;

  const agreement = await db.getRepository(AgreementEntity).findOneBy({ id: input.agreementId });
  if (!agreement?.partyKeys.includes(municipalityKey(municipality))) throw notFound('Agreement', input.agreementId);
  if (!agreement.partyKeys.includes(municipalityKey(input.receivingMunicipalityCode))) {
    throw invalid('input.receivingMunicipalityCode', 'the receiving municipality is not a party to the agreement');
  }
  if (input.receivingMunicipalityCode === municipality) {
    throw invalid('input.receivingMunicipalityCode', 'the household moves to another municipality');
  }
  const today = todayInDenmark();
  if (!inValidity(agreement, today)) throw invalid('input.agreementId', 'the agreement does not apply today');
  const versions = await db.getRepository(AgreementVersionEntity).findBy({ agreementId: agreement.id });
  const version = versionOn(versions, today);
  if (!version) throw invalid('input.agreementId', 'the agreement does not apply today');
  const payers = resolvePayers(version.grantPolicy.payers, {
    sendingMunicipalityCode: municipality,
    receivingMunicipalityCode: input.receivingMunicipalityCode,
    receivingHousingOrganisationId: input.receivingHousingOrganisationId,
  });
  if (payers.some((p) => p.payer === null)) {
    throw invalid(
      'input.receivingHousingOrganisationId',
      'the agreement has the receiving housing organisation pay a share: name it',
    );
  }
  if (input.requestedOre > version.grantPolicy.maxGrantOre) {
    throw invalid(
      'input.requestedOre',
      `the agreement grants at most ${version.grantPolicy.maxGrantOre} øre per household`,
    );
  }
  const payerKeys = payers.map((p) => p.payer as string);
  try {
    return await grants.save(
      grants.create({
        caseId: input.caseId,
        agreementId: agreement.id,
        agreementVersionId: version.id,
        agreementVersion: version.version,
        sendingMunicipalityCode: municipality,
        receivingMunicipalityCode: input.receivingMunicipalityCode,
        receivingHousingOrganisationId: input.receivingHousingOrganisationId,
        partyKeys: [...new Set([municipalityKey(municipality), ...payerKeys])],
        status: 'APPLIED',
        requestedOre: input.requestedOre,
        approvedOre: null,
        paidOre: 0,
        shares: [],
        purpose: input.purpose,
        decisionNote: null,
        idempotencyKey: input.idempotencyKey,
        appliedBy: identity.subject,
        decidedBy: null,
        decidedAt: null,
      }),
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const first = await retried();
    if (first) return first;
    throw conflict(`relocation case ${input.caseId} already has a live grant`);
  }
}

/** Locks the grant for a decision of the sending municipality's finance officers. */
async function lockForDecision(
  em: EntityManager,
  identity: Identity,
  grantId: string,
  action: string,
): Promise<GrantEntity> {
  const municipality = action === 'withdraw' ? municipalStaffOf(identity) : financeOfficerOf(identity);
  if (!municipality) {
    throw forbidden(
      action === 'withdraw'
        ? 'grants are withdrawn by caseworkers and finance officers of the sending municipality'
        : `to ${action} a grant is for finance officers of the sending municipality`,
    );
  }
  const grant = await em
    .getRepository(GrantEntity)
    .createQueryBuilder('g')
    .setLock('pessimistic_write')
    .where('g.id = :id', { id: grantId })
    .getOne();
  if (!grant?.partyKeys.includes(municipalityKey(municipality))) throw notFound('Grant', grantId);
  if (grant.sendingMunicipalityCode !== municipality) {
    throw forbidden(`to ${action} a grant is for the sending municipality`);
  }
  return grant;
}

function checkTransition(grant: GrantEntity, decision: GrantDecision): boolean {
  const answer = grantTransition(grant.status, decision);
  if (answer.kind === 'refused') throw conflict(answer.reason);
  return answer.kind === 'ok';
}

export async function approveGrant(
  db: DataSource,
  identity: Identity,
  grantId: string,
  amountOre: number,
): Promise<GrantEntity> {
  return db.transaction(async (em) => {
    const grant = await lockForDecision(em, identity, grantId, 'approve');
    checkTransition(grant, 'approve');
    // The agreement's row is the budget's lock: approvals under one agreement take turns.
    await em.query('SELECT id FROM agreement WHERE id = $1 FOR UPDATE', [grant.agreementId]);
    const version = await em.getRepository(AgreementVersionEntity).findOneByOrFail({ id: grant.agreementVersionId });
    const policy: GrantPolicy = version.grantPolicy;
    const others = await em.getRepository(GrantEntity).findBy({ agreementId: grant.agreementId });
    const committed = others.reduce((sum, g) => sum + committedOre(g), 0);
    const problem = approvalProblem(amountOre, {
      maxGrantOre: policy.maxGrantOre,
      budgetOre: policy.budgetOre,
      committedOre: committed,
    });
    if (problem) throw badUserInput(`amountOre: ${problem}`, [{ path: 'amountOre', message: problem }]);
    const payers = resolvePayers(policy.payers, grant);
    grant.shares = splitAmount(
      amountOre,
      payers.map((p) => ({ payer: p.payer as string, basisPoints: p.basisPoints })),
    );
    grant.approvedOre = amountOre;
    return decide(em, grant, identity, 'APPROVED', null);
  });
}

async function decide(
  em: EntityManager,
  grant: GrantEntity,
  identity: Identity,
  status: GrantStatus,
  note: string | null,
): Promise<GrantEntity> {
  grant.status = status;
  grant.decidedBy = identity.subject;
  grant.decidedAt = new Date();
  if (note !== null) grant.decisionNote = note;
  return em.getRepository(GrantEntity).save(grant);
}

export async function declineGrant(
  db: DataSource,
  identity: Identity,
  grantId: string,
  reason: string,
): Promise<GrantEntity> {
  return db.transaction(async (em) => {
    const grant = await lockForDecision(em, identity, grantId, 'decline');
    return checkTransition(grant, 'decline') ? decide(em, grant, identity, 'DECLINED', reason) : grant;
  });
}

/** Releases what was not paid (once: a withdrawn grant is not withdrawn again). */
export async function withdrawGrant(
  db: DataSource,
  identity: Identity,
  grantId: string,
  reason: string,
): Promise<GrantEntity> {
  return db.transaction(async (em) => {
    const grant = await lockForDecision(em, identity, grantId, 'withdraw');
    return checkTransition(grant, 'withdraw') ? decide(em, grant, identity, 'WITHDRAWN', reason) : grant;
  });
}

export interface Payment {
  grantId: string;
  amountOre: number;
  paidOn: string;
  idempotencyKey: string;
}

export async function recordGrantPayment(
  db: DataSource,
  identity: Identity,
  input: Payment,
): Promise<GrantPaymentEntity> {
  return db.transaction(async (em) => {
    const grant = await lockForDecision(em, identity, input.grantId, 'pay');
    const payments = em.getRepository(GrantPaymentEntity);
    const earlier = await payments.findOneBy({ grantId: grant.id, idempotencyKey: input.idempotencyKey });
    if (earlier) {
      if (earlier.amountOre !== input.amountOre || earlier.paidOn !== input.paidOn) {
        throw conflict('this idempotency key was used for a different payment');
      }
      return earlier;
    }
    checkTransition(grant, 'pay');
    if (input.paidOn > todayInDenmark()) throw invalid('input.paidOn', 'a payment is recorded once it is made');
    const left = (grant.approvedOre ?? 0) - grant.paidOre;
    if (input.amountOre > left) throw invalid('input.amountOre', `${left} øre of the grant is left to pay`);
    const payment = await payments.save(
      payments.create({
        grantId: grant.id,
        partyKeys: grant.partyKeys,
        paidOn: input.paidOn,
        amountOre: input.amountOre,
        idempotencyKey: input.idempotencyKey,
        recordedBy: identity.subject,
      }),
    );
    grant.paidOre += input.amountOre;
    if (grant.paidOre === grant.approvedOre) grant.status = 'PAID';
    await em.getRepository(GrantEntity).save(grant);
    return payment;
  });
}
