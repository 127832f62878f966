// An area's letting policies and official statuses: dated facts, added over time.
import type { DataSource } from 'typeorm';
import type { Identity } from '@second-chance/identity';
import { conflict } from '@second-chance/service-kit';
import { type AreaStatus, publicationDate } from '../domain/area-status';
import type { FlexibleLettingCriterion } from '../domain/letting-policy';
import { LettingPolicyEntity, OfficialAreaStatusEntity } from '../entities';

export interface LettingPolicyFields {
  validFrom: string;
  flexibleLettingCriteria: FlexibleLettingCriterion[];
  flexibleLettingNote?: string | null | undefined;
  combinedLetting: boolean;
  municipalAllocationShareBp: number;
}

/**
 * Adds a policy from its date. A policy that has not started yet may be replaced by one from the same date;
 * one in force or in the past is history and stays as it was.
 */
export async function setLettingPolicy(
  db: DataSource,
  identity: Identity,
  areaId: string,
  input: LettingPolicyFields,
  today: string,
): Promise<LettingPolicyEntity> {
  return db.transaction(async (manager) => {
    const policies = manager.getRepository(LettingPolicyEntity);
    const existing = await policies.findOne({
      where: { areaId, validFrom: input.validFrom },
      lock: { mode: 'pessimistic_write' },
    });
    if (existing && existing.validFrom <= today) {
      throw conflict(`the policy from ${input.validFrom} is in force or past; set a new policy from a later date`);
    }
    const fields = {
      areaId,
      validFrom: input.validFrom,
      flexibleLettingCriteria: [...new Set(input.flexibleLettingCriteria)],
      flexibleLettingNote: input.flexibleLettingNote ?? null,
      combinedLetting: input.combinedLetting,
      municipalAllocationShareBp: input.municipalAllocationShareBp,
      setBy: identity.subject,
    };
    return policies.save(existing ? policies.merge(existing, fields) : policies.create(fields));
  });
}

/** Records (or corrects) the status on a year's list. */
export async function recordOfficialStatus(
  db: DataSource,
  identity: Identity,
  input: { areaId: string; year: number; status: AreaStatus },
): Promise<OfficialAreaStatusEntity> {
  const statuses = db.getRepository(OfficialAreaStatusEntity);
  await statuses.upsert(
    {
      areaId: input.areaId,
      year: input.year,
      status: input.status,
      publishedOn: publicationDate(input.year),
      recordedBy: identity.subject,
    },
    { conflictPaths: ['areaId', 'year'] },
  );
  return statuses.findOneByOrFail({ areaId: input.areaId, year: input.year });
}
