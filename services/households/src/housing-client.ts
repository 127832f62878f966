// The housing subgraph's API, as the households service uses it: always on behalf of a person (or, for
// background work, of the municipality that holds a reservation), never around housing's own rules.
import type { Identity } from '@second-chance/identity';
import { type ServiceLink, callService } from '@second-chance/service-kit';

export interface VacancyFacts {
  id: string;
  status: string;
  channel: string;
  unit: {
    id: string;
    rooms: number;
    stepFreeAccess: boolean;
    monthlyRentOre: number;
    department: { organisation: { id: string }; area: { id: string; municipality: { code: string } } };
  };
}

export interface UnitFacts {
  id: string;
  department: { organisation: { id: string }; area: { municipality: { code: string } } };
}

/** A vacancy offered to the platform, with what an allocation round needs of its unit and area. */
export interface RoundVacancy {
  id: string;
  channel: 'MUNICIPAL_ALLOCATION' | 'PLATFORM';
  availableFrom: string;
  unit: {
    id: string;
    rooms: number;
    stepFreeAccess: boolean;
    monthlyRentOre: number;
    department: {
      organisation: { id: string };
      area: {
        id: string;
        name: string;
        municipality: { code: string };
        officialStatus: { status: string } | null;
        lettingPolicy: { combinedLetting: boolean } | null;
      };
    };
  };
}

export class HousingClient {
  constructor(
    private readonly link: ServiceLink | undefined,
    private readonly identity: Identity,
  ) {}

  private call<D>(query: string, variables: Record<string, unknown>): Promise<D> {
    if (!this.link) throw new Error('the households service has no link to the housing service');
    return callService<D>({
      from: 'households',
      to: 'housing',
      link: this.link,
      identity: this.identity,
      query,
      variables,
    });
  }

  async vacancy(id: string): Promise<VacancyFacts | null> {
    const data = await this.call<{ vacancy: VacancyFacts | null }>(
      `query ($id: ID!) { vacancy(id: $id) { id status channel
         unit { id rooms stepFreeAccess monthlyRentOre department { organisation { id } area { id municipality { code } } } } } }`,
      { id },
    );
    return data.vacancy;
  }

  /** Every open vacancy of the allocation channels, with its area's status and letting policy on `date`. */
  async roundVacancies(date: string): Promise<RoundVacancy[]> {
    const all: RoundVacancy[] = [];
    let after: string | null = null;
    for (;;) {
      const data: {
        vacancies: { nodes: RoundVacancy[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      } = await this.call(
        `query ($after: String, $date: Date!) {
          vacancies(filter: { channels: [MUNICIPAL_ALLOCATION, PLATFORM], statuses: [OPEN] }, first: 100, after: $after) {
            nodes { id channel availableFrom
              unit { id rooms stepFreeAccess monthlyRentOre department { organisation { id }
                area { id name municipality { code } officialStatus { status } lettingPolicy(asOf: $date) { combinedLetting } } } } }
            pageInfo { hasNextPage endCursor } } }`,
        { after, date },
      );
      all.push(...data.vacancies.nodes);
      if (!data.vacancies.pageInfo.hasNextPage) return all;
      after = data.vacancies.pageInfo.endCursor;
    }
  }

  async unit(id: string): Promise<UnitFacts | null> {
    const data = await this.call<{ unit: UnitFacts | null }>(
      'query ($id: ID!) { unit(id: $id) { id department { organisation { id } area { municipality { code } } } } }',
      { id },
    );
    return data.unit;
  }

  async reserve(input: { vacancyId: string; idempotencyKey: string; expiresAt: Date; reference: string }) {
    const data = await this.call<{ reserveVacancy: { id: string; expiresAt: string } }>(
      'mutation ($input: ReserveVacancyInput!) { reserveVacancy(input: $input) { id expiresAt } }',
      { input: { ...input, expiresAt: input.expiresAt.toISOString() } },
    );
    return data.reserveVacancy;
  }

  async release(vacancyId: string): Promise<void> {
    await this.call('mutation ($id: ID!) { releaseReservation(vacancyId: $id) { id } }', { id: vacancyId });
  }

  async let(vacancyId: string): Promise<void> {
    await this.call('mutation ($id: ID!) { letVacancy(id: $id) { id } }', { id: vacancyId });
  }
}

/** Who the households service acts as in background work: the municipality that holds the reservation. */
export function municipalityActor(municipalityCode: string): Identity {
  return {
    subject: 'system:households',
    organisation: { type: 'MUNICIPALITY', id: municipalityCode },
    roles: ['caseworker'],
  };
}
