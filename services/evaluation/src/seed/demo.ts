// Clearly synthetic figures for the demo areas of the housing service's demo data (`pnpm start`): six years
// each, made up, shaped so the classification shows each status and one computed status differs from the
// official one. Added once; safe to run on every start.
import type { DataSource } from 'typeorm';
import { type Logger, todayInDenmark } from '@second-chance/service-kit';
import type { AreaYearIndicators } from '../domain/indicators';
import { AreaIndicatorsEntity } from '../entities';
import { importIndicators } from '../store/indicators';

/** The housing service's fixed demo ids: `demoId(101)` is `00000000-0000-4000-8000-000000000101`. */
const demoId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Percent per measure in the latest year, and how much each moves per year (percentage points). */
interface Profile {
  area: number;
  residents: number;
  outside: number;
  convictions: number;
  basic: number;
  income: number;
  nonWestern: number;
  openCase: number;
  trend: number;
}

const PROFILES: Profile[] = [
  // Demoparken: udsat (outside work, basic schooling, income), 46 % non-Western.
  {
    area: 101,
    residents: 2_300,
    outside: 43,
    convictions: 1.6,
    basic: 63,
    income: 52,
    nonWestern: 46,
    openCase: 24,
    trend: 0.5,
  },
  // Eksempelhaven: no list.
  {
    area: 102,
    residents: 1_400,
    outside: 22,
    convictions: 0.6,
    basic: 35,
    income: 78,
    nonWestern: 18,
    openCase: 9,
    trend: -0.2,
  },
  // Prøvevænget: a parallel society six years running by the figures, so an omdannelsesområde; the ministry's
  // list has it as a parallelsamfund: the difference is flagged.
  {
    area: 103,
    residents: 3_100,
    outside: 47,
    convictions: 2.4,
    basic: 64,
    income: 49,
    nonWestern: 58,
    openCase: 27,
    trend: 0.3,
  },
  // Testhøjen: below 1,000 residents, so never on a list.
  {
    area: 104,
    residents: 950,
    outside: 45,
    convictions: 2.5,
    basic: 66,
    income: 50,
    nonWestern: 55,
    openCase: 22,
    trend: 0,
  },
  // Demogården: a prevention area.
  {
    area: 105,
    residents: 1_800,
    outside: 33,
    convictions: 1.1,
    basic: 55,
    income: 62,
    nonWestern: 38,
    openCase: 15,
    trend: -0.4,
  },
  // Eksempelbyen: on no list officially, but its latest figures make it udsat: the difference is flagged.
  {
    area: 106,
    residents: 1_250,
    outside: 41,
    convictions: 0.9,
    basic: 61,
    income: 58,
    nonWestern: 27,
    openCase: 19,
    trend: 1.2,
  },
];

const NATIONAL_CONVICTIONS = 0.7;
const ppm = (percent: number) => Math.max(0, Math.round(percent * 10_000));

export async function seedDemo(db: DataSource, log: Logger): Promise<void> {
  if (await db.getRepository(AreaIndicatorsEntity).existsBy({ areaId: demoId(101) })) return;
  const lastYear = Number(todayInDenmark().slice(0, 4)) - 1;
  const rows: AreaYearIndicators[] = PROFILES.flatMap((p) =>
    Array.from({ length: 6 }, (_, i) => {
      const year = lastYear - 5 + i;
      const back = (lastYear - year) * p.trend;
      return {
        areaId: demoId(p.area),
        year,
        residents: Math.round(p.residents * (1 - (lastYear - year) * 0.01)),
        outsideWorkOrEducationPpm: ppm(p.outside - back),
        convictionPpm: ppm(p.convictions),
        nationalConvictionPpm: ppm(NATIONAL_CONVICTIONS),
        basicSchoolingOnlyPpm: ppm(p.basic - back / 2),
        incomeOfRegionPpm: ppm(p.income + back / 2),
        nonWesternPpm: ppm(p.nonWestern),
        openMunicipalCasePpm: ppm(p.openCase - back),
      };
    }),
  );
  await importIndicators(db, rows, { source: 'demo data (synthetic)', importedBy: 'demo' });
  log.info({ rows: rows.length }, 'demo area figures added');
}
