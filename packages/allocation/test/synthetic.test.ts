// The synthetic nation: the same seed gives the same nation, it has the sizes asked for, every status and channel
// occurs, every seeker and vacancy is well formed, and the letting rules exclude a plausible share of it.
import { RULES, exclusions } from '../src/rules';
import { MUNICIPALITY_CODES, type SyntheticNation, syntheticNation } from '../src/synthetic';
import { type AreaStatus } from '../src/types';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const STATUSES: AreaStatus[] = [
  'NONE',
  'PREVENTION_AREA',
  'VULNERABLE_AREA',
  'PARALLEL_SOCIETY',
  'TRANSFORMATION_AREA',
];

/** The default national size, generated once for the tests that only read it. */
const nation: SyntheticNation = syntheticNation({ seed: 2026 });

/** The letting rules that protect burdened areas: § 59 stk. 6 and 7, § 51 b, § 51 c. */
const LETTING_RULES = new Set<string>([
  RULES.STK6_NR1,
  RULES.STK6_NR2,
  RULES.STK6_NR3,
  RULES.STK6_NR4,
  RULES.STK6_NR5,
  RULES.STK7,
  RULES.STK7_NR1,
  RULES.STK7_NR2,
  RULES.STK7_NR3,
  RULES.STK7_NR4,
  RULES.COMBINED_LETTING,
  RULES.TRANSFORMATION_AREA,
]);

const share = <T>(items: readonly T[], test: (item: T) => boolean) => items.filter(test).length / items.length;

describe('syntheticNation', () => {
  it('gives identical output for the same seed, and different output for another seed', () => {
    const options = { seed: 7, areas: 120, vacancies: 400, seekers: 300 };
    const first = syntheticNation(options);
    expect(syntheticNation(options)).toEqual(first);
    expect(JSON.stringify(syntheticNation(options))).toBe(JSON.stringify(first));
    expect(syntheticNation({ ...options, seed: 8 })).not.toEqual(first);
  });

  it('has the sizes asked for (defaults: 1,000 areas, 5,000 vacancies, 5,000 seekers on 2026-03-01)', () => {
    expect(nation.date).toBe('2026-03-01');
    expect(nation.areas).toHaveLength(1_000);
    expect(nation.vacancies).toHaveLength(5_000);
    expect(nation.seekers).toHaveLength(5_000);
    const small = syntheticNation({ seed: 1, areas: 10, vacancies: 20, seekers: 30, date: '2025-06-15' });
    expect([small.areas.length, small.vacancies.length, small.seekers.length, small.date]).toEqual([
      10,
      20,
      30,
      '2025-06-15',
    ]);
    expect(syntheticNation({ seed: 1, areas: 0, vacancies: 0, seekers: 0 }).commitments).toEqual([]);
  });

  it('reports its progress, phase by phase, ending each phase done', () => {
    const calls: [string, number, number][] = [];
    syntheticNation({
      seed: 3,
      areas: 600,
      vacancies: 2_500,
      seekers: 1_500,
      onProgress: (...call) => calls.push(call),
    });
    const phases = [...new Set(calls.map(([phase]) => phase))];
    expect(phases).toEqual(['areas', 'vacancies', 'seekers', 'commitments']);
    for (const phase of phases) {
      const own = calls.filter(([name]) => name === phase);
      own.forEach(([, done, total], i) => {
        expect(done).toBeLessThanOrEqual(total);
        if (i > 0) expect(done).toBeGreaterThan(own[i - 1]![1]);
      });
      const [, done, total] = own[own.length - 1]!;
      expect(done).toBe(total);
    }
    expect(calls.filter(([phase]) => phase === 'vacancies').length).toBeGreaterThan(1);
  });

  it('uses the 98 municipality codes of the housing service', () => {
    expect(MUNICIPALITY_CODES).toHaveLength(98);
    expect(new Set(MUNICIPALITY_CODES).size).toBe(98);
    expect([...MUNICIPALITY_CODES].sort((a, b) => Number(a) - Number(b))).toEqual(MUNICIPALITY_CODES);
    expect(MUNICIPALITY_CODES).toEqual(expect.arrayContaining(['101', '461', '751', '851', '825', '400']));
    expect(nation.municipalities).toBe(MUNICIPALITY_CODES);
  });

  it('has every status and channel, in about the shares asked for, and more areas in bigger cities', () => {
    const expected: Record<AreaStatus, number> = {
      NONE: 0.8,
      PREVENTION_AREA: 0.08,
      VULNERABLE_AREA: 0.07,
      PARALLEL_SOCIETY: 0.03,
      TRANSFORMATION_AREA: 0.02,
    };
    for (const status of STATUSES) {
      const found = share(nation.areas, (area) => area.status === status);
      expect(found).toBeGreaterThan(0);
      expect(Math.abs(found - expected[status])).toBeLessThan(0.03);
    }
    const burdened = nation.areas.filter((area) => area.status !== 'NONE');
    expect(nation.areas.filter((area) => area.status === 'NONE').every((area) => !area.combinedLetting)).toBe(true);
    expect(share(burdened, (area) => area.combinedLetting)).toBeGreaterThan(0.08);
    expect(share(burdened, (area) => area.combinedLetting)).toBeLessThan(0.25);

    for (const channel of ['MUNICIPAL_ALLOCATION', 'PLATFORM'] as const) {
      expect(nation.vacancies.some((vacancy) => vacancy.channel === channel)).toBe(true);
    }
    expect(share(nation.vacancies, (vacancy) => vacancy.channel === 'MUNICIPAL_ALLOCATION')).toBeCloseTo(0.25, 1);
    expect(share(nation.vacancies, (vacancy) => vacancy.stepFreeAccess)).toBeCloseTo(0.4, 1);

    const areasIn = (code: string) => nation.areas.filter((area) => area.municipalityCode === code).length;
    expect(areasIn('101')).toBeGreaterThan(areasIn('461'));
    expect(areasIn('461')).toBeGreaterThan(areasIn('492'));
  });

  it('gives areas figures that fit their status: two years, the latest the year before the date', () => {
    for (const area of nation.areas) {
      expect(area.history.map((year) => year.year)).toEqual([2024, 2025]);
      const latest = area.history[1]!;
      expect(area.residents).toBe(latest.residents);
      expect(area.outsideWorkOrEducationPpm).toBe(latest.outsideWorkOrEducationPpm);
      const average = (area.history[0]!.outsideWorkOrEducationPpm + latest.outsideWorkOrEducationPpm) / 2;
      if (area.status !== 'NONE') expect(latest.residents).toBeGreaterThanOrEqual(1_000);
      if (area.status === 'PREVENTION_AREA') {
        expect(latest.nonWesternPpm).toBeGreaterThan(300_000);
      }
      if (area.status === 'PARALLEL_SOCIETY' || area.status === 'TRANSFORMATION_AREA') {
        expect(latest.nonWesternPpm).toBeGreaterThan(500_000);
      }
      if (area.status === 'VULNERABLE_AREA') expect(latest.nonWesternPpm).toBeLessThanOrEqual(500_000);
      if (area.combinedLetting) expect(latest.outsideWorkOrEducationPpm).toBeGreaterThanOrEqual(300_000);
      if (area.status === 'NONE') expect(average).toBeLessThan(420_000);
    }
    const meanOutside = (status: AreaStatus) => {
      const areas = nation.areas.filter((area) => area.status === status);
      return areas.reduce((sum, area) => sum + area.outsideWorkOrEducationPpm!, 0) / areas.length;
    };
    expect(meanOutside('NONE')).toBeLessThan(meanOutside('PREVENTION_AREA'));
    expect(meanOutside('PREVENTION_AREA')).toBeLessThan(meanOutside('VULNERABLE_AREA'));
    expect(meanOutside('VULNERABLE_AREA')).toBeGreaterThan(400_000);
  });

  it('makes every vacancy valid: in a known area and its municipality, rooms 1–5, rent 4,000–12,000 kr', () => {
    const areas = new Map(nation.areas.map((area) => [area.id, area]));
    const end = '2026-04-30'; // 2026-03-01 + 60 days
    for (const vacancy of nation.vacancies) {
      const area = areas.get(vacancy.areaId);
      expect(area).toBeDefined();
      expect(vacancy.municipalityCode).toBe(area!.municipalityCode);
      expect(Number.isInteger(vacancy.rooms) && vacancy.rooms >= 1 && vacancy.rooms <= 5).toBe(true);
      expect(vacancy.monthlyRentOre).toBeGreaterThanOrEqual(400_000);
      expect(vacancy.monthlyRentOre).toBeLessThanOrEqual(1_200_000);
      expect(Number.isInteger(vacancy.monthlyRentOre)).toBe(true);
      expect(vacancy.availableFrom >= nation.date && vacancy.availableFrom <= end).toBe(true);
    }
    expect(new Set(nation.vacancies.map((vacancy) => vacancy.id)).size).toBe(nation.vacancies.length);
    expect(new Set(nation.vacancies.map((vacancy) => vacancy.rooms))).toEqual(new Set([1, 2, 3, 4, 5]));
  });

  it('makes every seeker valid, with facts in about the shares asked for', () => {
    const codes = new Set(MUNICIPALITY_CODES);
    const earliest = '2023-03-01';
    for (const seeker of nation.seekers) {
      expect(seeker.members.length).toBeGreaterThanOrEqual(1);
      expect(seeker.members.length).toBeLessThanOrEqual(6);
      expect(seeker.members.some((member) => member.age >= 18)).toBe(true);
      expect(codes.has(seeker.municipalityCode)).toBe(true);
      const { needs } = seeker;
      expect(needs.minRooms).toBeGreaterThanOrEqual(1);
      expect(needs.minRooms).toBeLessThanOrEqual(Math.max(1, seeker.members.length));
      expect(needs.maxMonthlyRentOre).toBeGreaterThan(0);
      expect(needs.acceptableMunicipalityCodes[0]).toBe(seeker.municipalityCode);
      expect(needs.acceptableMunicipalityCodes.length).toBeLessThanOrEqual(5);
      expect(new Set(needs.acceptableMunicipalityCodes).size).toBe(needs.acceptableMunicipalityCodes.length);
      for (const code of [
        ...needs.acceptableMunicipalityCodes,
        ...seeker.preferredMunicipalityCodes,
        ...seeker.anchorMunicipalityCodes,
      ]) {
        expect(codes.has(code)).toBe(true);
      }
      for (const code of seeker.preferredMunicipalityCodes) {
        expect(needs.acceptableMunicipalityCodes).toContain(code);
      }
      expect(seeker.waitingSince).toMatch(DAY);
      expect(seeker.waitingSince >= earliest && seeker.waitingSince <= nation.date).toBe(true);
      for (const member of seeker.members) {
        const days = [
          ...member.prisonReleases,
          ...member.youthInstitutionReleases,
          ...member.leaseTerminations,
          ...member.benefits.flatMap(({ period }) => [period.startedOn, ...(period.endedOn ? [period.endedOn] : [])]),
        ];
        for (const day of days) expect(day <= nation.date && DAY.test(day)).toBe(true);
        for (const { period } of member.benefits) {
          if (period.endedOn !== null) expect(period.endedOn >= period.startedOn).toBe(true);
        }
      }
    }
    const seekers = nation.seekers;
    const anyMember = (test: (member: (typeof seekers)[number]['members'][number]) => boolean) =>
      share(seekers, (seeker) => seeker.members.some(test));
    expect(anyMember((member) => member.benefits.length > 0)).toBeCloseTo(0.45, 1);
    expect(anyMember((member) => member.prisonReleases.length > 0)).toBeCloseTo(0.05, 1);
    expect(anyMember((member) => member.leaseTerminations.length > 0)).toBeCloseTo(0.02, 1);
    expect(anyMember((member) => member.citizenship === 'OTHER' && member.age >= 18)).toBeCloseTo(0.08, 1);
    expect(anyMember((member) => member.citizenship === 'OTHER' && member.student)).toBeGreaterThan(0);
    expect(share(seekers, (seeker) => !seeker.consentValid)).toBeCloseTo(0.03, 1);
    expect(share(seekers, (seeker) => seeker.kind === 'CASE')).toBeCloseTo(0.1, 1);
    expect(share(seekers, (seeker) => seeker.preferredMunicipalityCodes.length > 0)).toBeGreaterThan(0.1);
    expect(share(seekers, (seeker) => seeker.anchorMunicipalityCodes.length > 0)).toBeGreaterThan(0.1);
    // Cash benefits of both kinds: running 6 months or more, and started more recently.
    const starts = seekers.flatMap((seeker) =>
      seeker.members.flatMap((member) =>
        member.benefits.filter(({ period }) => period.endedOn === null).map(({ period }) => period.startedOn),
      ),
    );
    expect(starts.some((day) => day <= '2025-09-01')).toBe(true);
    expect(starts.some((day) => day > '2025-09-01')).toBe(true);
    // Bigger households need more rooms.
    const meanRooms = (size: number) => {
      const own = seekers.filter((seeker) => seeker.members.length === size);
      return own.reduce((sum, seeker) => sum + seeker.needs.minRooms, 0) / own.length;
    };
    expect(meanRooms(1)).toBeLessThan(meanRooms(3));
    expect(meanRooms(3)).toBeLessThan(meanRooms(5));
  });

  it('commits each municipality with vacancies to about 90 % of them', () => {
    const vacanciesIn = new Map<string, number>();
    for (const vacancy of nation.vacancies) {
      vacanciesIn.set(vacancy.municipalityCode, (vacanciesIn.get(vacancy.municipalityCode) ?? 0) + 1);
    }
    expect(nation.commitments.map((commitment) => commitment.municipalityCode).sort()).toEqual(
      [...vacanciesIn.keys()].sort(),
    );
    for (const { municipalityCode, households } of nation.commitments) {
      const vacancies = vacanciesIn.get(municipalityCode)!;
      expect(households).toBeGreaterThanOrEqual(1);
      expect(households).toBeLessThanOrEqual(vacancies);
      expect(Math.abs(households - 0.9 * vacancies)).toBeLessThanOrEqual(1);
    }
  });

  it('lets the letting rules exclude a plausible share of a small nation', () => {
    const small = syntheticNation({ seed: 11, areas: 200, vacancies: 400, seekers: 400 });
    const areas = new Map(small.areas.map((area) => [area.id, area]));
    let pairs = 0;
    let excluded = 0;
    let byLaw = 0;
    let openToNeeds = 0;
    let byLawWhereNeedsMet = 0;
    const byLawIn = { restricted: [0, 0], open: [0, 0] };
    for (const seeker of small.seekers) {
      for (const vacancy of small.vacancies) {
        const area = areas.get(vacancy.areaId)!;
        const found = exclusions(seeker, vacancy, area, small.date);
        const legal = found.some((exclusion) => LETTING_RULES.has(exclusion.rule));
        const needs = found.some((exclusion) => !LETTING_RULES.has(exclusion.rule));
        pairs += 1;
        if (found.length > 0) excluded += 1;
        if (legal) byLaw += 1;
        if (!needs) {
          openToNeeds += 1;
          if (legal) byLawWhereNeedsMet += 1;
        }
        const restricted =
          area.status !== 'NONE' && (vacancy.channel === 'MUNICIPAL_ALLOCATION' || area.combinedLetting);
        const counts = restricted ? byLawIn.restricted : byLawIn.open;
        counts[0]! += 1;
        if (legal) counts[1]! += 1;
      }
    }
    // Most pairs fail the household's needs (above all its municipalities); the letting rules close a smaller share,
    // and only where the law restricts letting (a burdened area with municipal allocation or combined letting, § 51 c).
    expect(excluded / pairs).toBeGreaterThan(0.8);
    expect(excluded / pairs).toBeLessThan(0.995);
    expect(byLaw / pairs).toBeGreaterThan(0.005);
    expect(byLaw / pairs).toBeLessThan(0.1);
    expect(openToNeeds).toBeGreaterThan(0);
    expect(byLawWhereNeedsMet / openToNeeds).toBeLessThan(0.2);
    const [restrictedPairs, restrictedByLaw] = byLawIn.restricted;
    expect(restrictedByLaw! / restrictedPairs!).toBeGreaterThan(0.2);
    expect(restrictedByLaw! / restrictedPairs!).toBeLessThan(0.85);
    const [openPairs, openByLaw] = byLawIn.open;
    expect(openByLaw! / openPairs!).toBeLessThan(0.05);
  });
});
