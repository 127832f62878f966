// The clearly synthetic demo data set: one cooperation agreement between Copenhagen, Aarhus and Odense with a
// 50/50 grant and a four-year tapering compensation. Safe to run on every start.
import type { DataSource } from 'typeorm';
import type { Logger } from '@second-chance/service-kit';
import { AgreementEntity, AgreementVersionEntity } from '../entities';
import { municipalityKey } from '../domain/parties';

const DEMO_KEY = 'demo-agreement-2026';

export async function seedDemo(db: DataSource, log: Logger): Promise<void> {
  if (await db.getRepository(AgreementEntity).existsBy({ idempotencyKey: DEMO_KEY })) return;
  await db.transaction(async (em) => {
    const parties = ['101', '751', '461'].map((code) => ({ kind: 'MUNICIPALITY' as const, id: code }));
    const agreement = await em.getRepository(AgreementEntity).save(
      em.getRepository(AgreementEntity).create({
        name: 'Demo: En ny start (samarbejdsaftale)',
        parties,
        partyKeys: parties.map((p) => municipalityKey(p.id)),
        validFrom: '2026-01-01',
        validTo: null,
        createdByOrganisation: 'PLATFORM:demo',
        createdBy: 'demo-seed',
        idempotencyKey: DEMO_KEY,
      }),
    );
    await em.getRepository(AgreementVersionEntity).save(
      em.getRepository(AgreementVersionEntity).create({
        agreementId: agreement.id,
        version: 1,
        effectiveFrom: '2026-01-01',
        partyKeys: agreement.partyKeys,
        grantPolicy: {
          maxGrantOre: 5_000_000,
          budgetOre: 500_000_000,
          payers: [
            { role: 'RECEIVING_HOUSING_ORGANISATION', party: null, basisPoints: 5000 },
            { role: 'SENDING_MUNICIPALITY', party: null, basisPoints: 5000 },
          ],
        },
        compensationPolicy: {
          baseYearlyOre: 2_500_000,
          perAdultOutsideLabourMarketYearlyOre: 4_000_000,
          perChildYearlyOre: 1_500_000,
          taperBasisPoints: [10_000, 7_500, 5_000, 2_500],
          billing: 'BILL',
          claimDeadlineDays: 90,
          departmentCompensationOre: 1_000_000,
        },
        note: 'Demo data',
        createdBy: 'demo-seed',
      }),
    );
  });
  log.info('demo agreement added');
}
