// A small, clearly synthetic demo data set for `pnpm start`: every name says "Demo", the CVR numbers are
// from the unused 9999 series, the streets do not exist. Ids are fixed so that example tokens keep working.
import type { DataSource } from 'typeorm';
import type { Logger } from '@second-chance/service-kit';
import { addDays, todayInDenmark } from '@second-chance/service-kit';
import type { AreaStatus } from '../domain/area-status';
import { latestListYear } from '../domain/area-status';
import type { UnitKind } from '../domain/stock';
import type { LettingChannel } from '../domain/vacancies';
import {
  DepartmentEntity,
  HousingAreaEntity,
  HousingOrganisationEntity,
  LettingPolicyEntity,
  OfficialAreaStatusEntity,
  UnitEntity,
  VacancyEntity,
} from '../entities';

/** Fixed demo ids: `demoId(1)` is `00000000-0000-4000-8000-000000000001`. */
export const demoId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const DEMO_ORGANISATIONS = [
  { id: demoId(1), name: 'Demo Boligselskab Hovedstaden', cvrNumber: '99990007', municipalityCode: '101' },
  { id: demoId(2), name: 'Demo Boligforening Østjylland', cvrNumber: '99990015', municipalityCode: '751' },
  { id: demoId(3), name: 'Demo Almene Boliger Fyn', cvrNumber: '99990023', municipalityCode: '461' },
  { id: demoId(4), name: 'Demo Boligselskab Nordjylland', cvrNumber: '99990031', municipalityCode: '851' },
] as const;

interface DemoArea {
  id: string;
  name: string;
  municipalityCode: string;
  administratorId: string;
  residentCount: number;
  status: AreaStatus;
  postalCode: string;
  city: string;
  street: string;
  /** Departments: [organisation, number, name]. */
  departments: [string, string, string][];
}

const DEMO_AREAS: DemoArea[] = [
  {
    id: demoId(101),
    name: 'Demoparken',
    municipalityCode: '101',
    administratorId: demoId(1),
    residentCount: 2450,
    status: 'VULNERABLE_AREA',
    postalCode: '2300',
    city: 'København S',
    street: 'Demovej',
    departments: [
      [demoId(1), '101-1', 'Demoparken Nord'],
      [demoId(1), '101-2', 'Demoparken Syd'],
    ],
  },
  {
    id: demoId(102),
    name: 'Eksempelhaven',
    municipalityCode: '157',
    administratorId: demoId(1),
    residentCount: 640,
    status: 'NONE',
    postalCode: '2820',
    city: 'Gentofte',
    street: 'Eksempelallé',
    departments: [[demoId(1), '157-1', 'Eksempelhaven']],
  },
  {
    id: demoId(103),
    name: 'Prøvevænget',
    municipalityCode: '751',
    administratorId: demoId(2),
    residentCount: 3100,
    status: 'PARALLEL_SOCIETY',
    postalCode: '8220',
    city: 'Brabrand',
    street: 'Prøvevænget',
    departments: [
      [demoId(2), '12', 'Prøvevænget Øst'],
      [demoId(2), '13', 'Prøvevænget Vest'],
    ],
  },
  {
    id: demoId(104),
    name: 'Testhøjen',
    municipalityCode: '746',
    administratorId: demoId(2),
    residentCount: 420,
    status: 'NONE',
    postalCode: '8660',
    city: 'Skanderborg',
    street: 'Testhøjen',
    departments: [[demoId(2), '31', 'Testhøjen']],
  },
  {
    id: demoId(105),
    name: 'Demogården',
    municipalityCode: '461',
    administratorId: demoId(3),
    residentCount: 1350,
    status: 'PREVENTION_AREA',
    postalCode: '5220',
    city: 'Odense SØ',
    street: 'Demogårdsvej',
    departments: [[demoId(3), '7', 'Demogården']],
  },
  {
    id: demoId(106),
    name: 'Eksempelbyen',
    municipalityCode: '851',
    administratorId: demoId(4),
    residentCount: 1800,
    status: 'NONE',
    postalCode: '9220',
    city: 'Aalborg Øst',
    street: 'Eksempelbyvej',
    departments: [[demoId(4), '4', 'Eksempelbyen']],
  },
];

const KINDS: UnitKind[] = ['FAMILY', 'FAMILY', 'FAMILY', 'SENIOR', 'YOUTH'];
const CHANNELS: LettingChannel[] = ['PLATFORM', 'MUNICIPAL_ALLOCATION', 'WAITING_LIST', 'FLEXIBLE_LETTING'];
const UNITS_PER_DEPARTMENT = 8;

export async function seedDemo(db: DataSource, log: Logger): Promise<void> {
  if (await db.getRepository(HousingOrganisationEntity).existsBy({ id: demoId(1) })) {
    log.info('demo data already present');
    return;
  }
  const today = todayInDenmark();
  const listYear = latestListYear(today);
  await db.transaction(async (manager) => {
    await manager.insert(HousingOrganisationEntity, [...DEMO_ORGANISATIONS]);
    let departmentSeq = 200;
    let unitSeq = 1000;
    let vacancySeq = 5000;
    for (const area of DEMO_AREAS) {
      const { departments, status, postalCode, city, street, ...fields } = area;
      await manager.insert(HousingAreaEntity, fields);
      await manager.insert(LettingPolicyEntity, {
        areaId: area.id,
        validFrom: `${listYear}-01-01`,
        flexibleLettingCriteria: status === 'NONE' ? [] : ['EMPLOYMENT', 'EDUCATION'],
        flexibleLettingNote: null,
        combinedLetting: status === 'VULNERABLE_AREA' || status === 'PARALLEL_SOCIETY',
        municipalAllocationShareBp: 2500,
        setBy: 'demo-seed',
      });
      await manager.insert(
        OfficialAreaStatusEntity,
        [listYear - 1, listYear].map((year) => ({
          areaId: area.id,
          year,
          status,
          publishedOn: `${year}-12-01`,
          recordedBy: 'demo-seed',
        })),
      );
      for (const [index, [organisationId, number, name]] of departments.entries()) {
        const departmentId = demoId(departmentSeq++);
        await manager.insert(DepartmentEntity, { id: departmentId, organisationId, areaId: area.id, number, name });
        const units = Array.from({ length: UNITS_PER_DEPARTMENT }, (_, i) => {
          const rooms = 1 + (i % 5);
          return {
            id: demoId(unitSeq++),
            departmentId,
            street,
            houseNumber: String(10 + 2 * index),
            floor: i === 0 ? 'st' : String(Math.ceil(i / 2)),
            door: i % 2 === 0 ? 'tv' : 'th',
            postalCode,
            city,
            rooms,
            floorAreaM2: 35 + rooms * 18,
            monthlyRentOre: (3200 + rooms * 1150 + (i % 3) * 175) * 100,
            kind: KINDS[i % KINDS.length] as UnitKind,
            stepFreeAccess: i < 2,
            elevator: i % 3 === 0,
          };
        });
        await manager.insert(UnitEntity, units);
        // Every third unit is vacant, through a rotating letting channel, soon or within two months.
        const vacancies = units
          .filter((_, i) => i % 3 === 1)
          .map((unit, i) => ({
            id: demoId(vacancySeq++),
            unitId: unit.id,
            availableFrom: addDays(today, 14 + 15 * i),
            channel: CHANNELS[(vacancySeq + i) % CHANNELS.length] as LettingChannel,
            status: 'OPEN' as const,
            publishedAt: new Date(),
            publishedBy: 'demo-seed',
          }));
        await manager.insert(VacancyEntity, vacancies);
      }
    }
  });
  log.info({ organisations: DEMO_ORGANISATIONS.length, areas: DEMO_AREAS.length }, 'demo data seeded');
}
