// Restriction of processing (GDPR art. 18): set and lifted under the household's lock (FOR UPDATE, which waits
// for every change that checked the household FOR KEY SHARE), with the reason in the audit log.
import type { DataSource } from 'typeorm';
import type { Identity } from '@second-chance/identity';
import { badUserInput, conflict } from '@second-chance/service-kit';
import { reasonProblem } from '../domain/erasure';
import { HouseholdEntity, MemberEntity } from '../entities';
import type { HouseholdsServices } from '../services';
import { recordAction } from './audit';
import { lockHousehold } from './processing';
import { personalTextOf } from './erasure';

export interface RestrictionRequest {
  householdId: string;
  reason: string;
  actor: Identity;
  via: string;
  operation: string;
  /** Who may: asked under the household's lock, before anything of it is read. */
  authorize(household: HouseholdEntity): void;
}

export interface RestrictionModel {
  householdId: string;
  restricted: boolean;
  since: Date | null;
  by: string | null;
  reason: string | null;
}

export const restrictionOf = (household: HouseholdEntity): RestrictionModel => ({
  householdId: household.id,
  restricted: household.restrictedAt !== null,
  since: household.restrictedAt,
  by: household.restrictedBy,
  reason: household.restrictionReason,
});

const day = (at: Date) => at.toISOString().slice(0, 10);

export async function setRestriction(
  db: DataSource,
  services: HouseholdsServices,
  request: RestrictionRequest,
  restrict: boolean,
): Promise<RestrictionModel> {
  return db.transaction(async (manager) => {
    const household = await lockHousehold(manager, request.householdId);
    request.authorize(household);
    if (household.erasedAt) {
      throw conflict(`the household's personal data was erased on ${day(household.erasedAt)}`);
    }
    if (restrict && household.restrictedAt) {
      throw conflict(
        `processing of the household's personal data is already restricted, since ${day(household.restrictedAt)}`,
      );
    }
    if (!restrict && !household.restrictedAt) {
      throw conflict("processing of the household's personal data is not restricted");
    }
    const members = await manager.getRepository(MemberEntity).findBy({ householdId: household.id });
    const problem = reasonProblem(request.reason, personalTextOf(services, household, members));
    if (problem) throw badUserInput(`reason: ${problem}`, [{ path: 'reason', message: problem }]);

    const reason = request.reason.trim();
    await manager.getRepository(HouseholdEntity).update(household.id, {
      restrictedAt: restrict ? new Date() : null,
      restrictedBy: restrict ? request.actor.subject : null,
      restrictionReason: restrict ? reason : null,
    });
    await recordAction(manager, {
      actor: request.actor,
      via: request.via,
      operation: request.operation,
      householdId: household.id,
      action: restrict ? 'RESTRICTION' : 'RESTRICTION_LIFTED',
      fields: ['household.processingRestriction'],
      reason,
    });
    return restrictionOf(await manager.getRepository(HouseholdEntity).findOneByOrFail({ id: household.id }));
  });
}
