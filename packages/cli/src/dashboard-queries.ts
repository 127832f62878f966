// The three queries of the case-dashboard benchmark (`pnpm bench --only dashboard`), as the front-ends send them,
// and the variables each takes. The SQL test (gateway/test/e2e/dashboard-sql.test.ts) runs the same text.

/**
 * A caseworker's case dashboard: a page of the municipality's relocation cases, each with its household, the
 * home it lives in and that home's area (official status, latest indicators), the offers made with their units
 * and areas, and the case's grant and compensation. Four subgraphs: households → housing and finance → evaluation.
 */
export const CASE_DASHBOARD = `query CaseDashboard($first: Int!, $year: Int!) {
  relocationCases(first: $first, filter: { role: SENDING }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id state sendingMunicipalityCode receivingMunicipalityCode moveDate createdAt
      household {
        id size adults children
        needs { minRooms stepFreeAccess maxMonthlyRentOre }
        home {
          id rooms monthlyRentOre
          address { text }
          department {
            area {
              id name
              officialStatus { year status }
              indicators(fromYear: $year, toYear: $year) { year residents outsideWorkOrEducationPct incomeOfRegionPct }
            }
          }
        }
      }
      offers {
        id status responseDeadline
        vacancy {
          id status availableFrom
          unit { id rooms monthlyRentOre address { text } department { area { id name officialStatus { status } } } }
        }
      }
      grant { id status requestedOre approvedOre paidOre }
      compensation { id status yearlyOre }
    }
  }
}`;

/**
 * A letting officer's vacancy board: a page of the organisation's open and reserved vacancies, each with its unit,
 * department and area (official status, latest indicators), and the offers made of it with the household's size
 * and needs. Three subgraphs: housing → households and evaluation.
 */
export const VACANCY_BOARD = `query VacancyBoard($organisationId: ID!, $first: Int!, $year: Int!) {
  vacancies(filter: { organisationId: $organisationId, statuses: [OPEN, RESERVED] }, first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id status availableFrom channel publishedAt
      unit {
        id rooms floorAreaM2 monthlyRentOre kind stepFreeAccess elevator
        address { text }
        department {
          number name
          area {
            id name
            officialStatus { year status }
            indicators(fromYear: $year, toYear: $year) { year outsideWorkOrEducationPct nonWesternPct }
          }
        }
      }
      offers {
        id status responseDeadline
        household { size adults children needs { minRooms stepFreeAccess maxMonthlyRentOre } }
      }
    }
  }
}`;

/**
 * An evaluator's area trend: a page of housing areas, each with its municipality, every official status on record
 * and ten years of indicators. Two subgraphs: housing → evaluation.
 */
export const AREA_TREND = `query AreaTrend($first: Int!, $fromYear: Int!, $toYear: Int!) {
  housingAreas(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id name residentCount
      municipality { code name region }
      officialStatuses { year status }
      indicators(fromYear: $fromYear, toYear: $toYear) {
        year residents outsideWorkOrEducationPct convictionPct nationalConvictionPct
        basicSchoolingOnlyPct incomeOfRegionPct nonWesternPct
      }
    }
  }
}`;

export type DashboardQueryName = 'caseDashboard' | 'vacancyBoard' | 'areaTrend';

export const DASHBOARD_QUERIES: Readonly<Record<DashboardQueryName, { operationName: string; query: string }>> = {
  caseDashboard: { operationName: 'CaseDashboard', query: CASE_DASHBOARD },
  vacancyBoard: { operationName: 'VacancyBoard', query: VACANCY_BOARD },
  areaTrend: { operationName: 'AreaTrend', query: AREA_TREND },
};

/** What the queries' variables are made of: the page size, the organisation, the indicator years. */
export interface DashboardParameters {
  first: number;
  organisationId: string;
  /** The latest year with indicators, and the first of the ten-year trend. */
  year: number;
  fromYear: number;
}

export function dashboardVariables(name: DashboardQueryName, p: DashboardParameters): Record<string, unknown> {
  switch (name) {
    case 'caseDashboard':
      return { first: p.first, year: p.year };
    case 'vacancyBoard':
      return { organisationId: p.organisationId, first: p.first, year: p.year };
    case 'areaTrend':
      return { first: p.first, fromYear: p.fromYear, toYear: p.year };
  }
}
