// The socio-economic facts about an adult that the law's rules use, each with the date it started.
// Criminal-record facts are kept to what the rules need: the kind of release and its date, nothing more.

/** Labour-market status (forsørgelsesgrundlag / beskæftigelsesstatus). */
export const LABOUR_MARKET_STATUSES = [
  'EMPLOYED',
  'SELF_EMPLOYED',
  'IN_EDUCATION',
  /** Arbejdsløshedsdagpenge. */
  'UNEMPLOYMENT_INSURANCE_BENEFIT',
  /** Sygedagpenge. */
  'SICKNESS_BENEFIT',
  'KONTANTHJAELP',
  'UDDANNELSESHJAELP',
  /** Selvforsørgelses- og hjemrejseydelse. */
  'SELVFORSOERGELSES_OG_HJEMREJSEYDELSE',
  'OVERGANGSYDELSE',
  'RESSOURCEFORLOEBSYDELSE',
  /** Ledighedsydelse (flexjob-visiteret, without a job). */
  'LEDIGHEDSYDELSE',
  'FOERTIDSPENSION',
  'FOLKEPENSION',
  'OTHER_OUTSIDE_LABOUR_MARKET',
] as const;
export type LabourMarketStatus = (typeof LABOUR_MARKET_STATUSES)[number];

/** In work or education; everything else counts as outside the labour market and education. */
export function isOutsideLabourMarket(status: LabourMarketStatus): boolean {
  return status !== 'EMPLOYED' && status !== 'SELF_EMPLOYED' && status !== 'IN_EDUCATION';
}

/** The benefits that, received for 6 consecutive months, § 51 b, § 51 c and § 59 stk. 6 refer to. */
export const CASH_BENEFITS: readonly LabourMarketStatus[] = [
  'KONTANTHJAELP',
  'UDDANNELSESHJAELP',
  'SELVFORSOERGELSES_OG_HJEMREJSEYDELSE',
  'OVERGANGSYDELSE',
];

export const FACT_KINDS = [
  'LABOUR_MARKET_STATUS',
  'CITIZENSHIP',
  'OPEN_MUNICIPAL_CASE',
  'LEASE_TERMINATED_GROSS_MISCONDUCT',
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export const CITIZENSHIPS = ['DANISH', 'EU_EEA_SWISS', 'OTHER'] as const;

/** What a fact of each kind holds beyond its dates (null: the fact itself is the information). */
export function validFactValue(kind: FactKind, value: string | null | undefined): string | true {
  switch (kind) {
    case 'LABOUR_MARKET_STATUS':
      return (LABOUR_MARKET_STATUSES as readonly string[]).includes(value ?? '') ? true : 'a labour-market status';
    case 'CITIZENSHIP':
      return (CITIZENSHIPS as readonly string[]).includes(value ?? '') ? true : 'DANISH, EU_EEA_SWISS or OTHER';
    case 'OPEN_MUNICIPAL_CASE':
    case 'LEASE_TERMINATED_GROSS_MISCONDUCT':
      return value == null || value === '' ? true : 'this kind of fact holds no value';
  }
}

/** § 59 stk. 6: released from a prison sentence; or, under 18, from an institution after a conviction. */
export const CRIMINAL_RECORD_KINDS = ['PRISON_RELEASE', 'YOUTH_INSTITUTION_RELEASE'] as const;
export type CriminalRecordKind = (typeof CRIMINAL_RECORD_KINDS)[number];

export interface DatedFact {
  kind: string;
  startedOn: string;
  endedOn: string | null;
}

/** The facts in force on a date: started on or before it and not ended before it. */
export function factsOn<F extends DatedFact>(facts: readonly F[], date: string): F[] {
  return facts.filter((fact) => fact.startedOn <= date && (!fact.endedOn || fact.endedOn >= date));
}
