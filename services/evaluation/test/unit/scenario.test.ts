// The what-if scenario's projection worked by hand, today's practice allocated municipality by municipality exactly
// as one national greedy round would, and the scenario's summary adding up over a small synthetic nation.
import { DEFAULT_WEIGHTS, greedyRound, syntheticNation } from '@second-chance/allocation';
import { classify } from '../../src/domain/classification';
import type { AreaYearIndicators } from '../../src/domain/indicators';
import {
  type InMovers,
  NO_IN_MOVERS,
  type ScenarioSummary,
  WITHOUT_STEERING_WEIGHTS,
  WORKING_AGE_SHARE,
  addInMovers,
  allocateWithoutSteering,
  historyOf,
  projectArea,
  projectYear,
  runScenario,
  statement,
} from '../../src/domain/scenario';

/** An area year on no list: 1,000 residents, 45 % outside work or education, nothing else near a threshold. */
function year(y: number, changes: Partial<AreaYearIndicators> = {}): AreaYearIndicators {
  return {
    areaId: 'area-1',
    year: y,
    residents: 1_000,
    outsideWorkOrEducationPpm: 450_000,
    convictionPpm: 10_000,
    nationalConvictionPpm: 10_000,
    basicSchoolingOnlyPpm: 300_000,
    incomeOfRegionPpm: 900_000,
    nonWesternPpm: 100_000,
    openMunicipalCasePpm: null,
    ...changes,
  };
}

/** Two adults in work with two children; one adult outside work or education with a child. */
const IN_WORK_FAMILY: InMovers = { households: 1, members: 4, workingAge: 2, outside: 0 };
const OUTSIDE_SINGLE_PARENT: InMovers = { households: 1, members: 2, workingAge: 1, outside: 1 };

test('the projected year: 1,000 residents, 45 % outside, two households moving in', () => {
  // Working age before: 1,000 × 0.6 = 600, of them 45 % = 270 outside. In: 3 of working age, 1 outside.
  // (270 + 1) / (600 + 3) = 271 / 603 = 44.94196 % → 449,420 ppm; residents 1,000 + 6 members = 1,006.
  expect(WORKING_AGE_SHARE).toBe(0.6);
  const two = addInMovers(IN_WORK_FAMILY, OUTSIDE_SINGLE_PARENT);
  expect(two).toEqual({ households: 2, members: 6, workingAge: 3, outside: 1 });
  expect(projectYear(year(2025), two)).toEqual({
    ...year(2026),
    residents: 1_006,
    outsideWorkOrEducationPpm: 449_420,
  });
  // Only the outside household: (270 + 1) / 601 = 45.0915 % → raised.
  expect(projectYear(year(2025), OUTSIDE_SINGLE_PARENT).outsideWorkOrEducationPpm).toBe(450_915);
  // Nobody: the same figures a year on.
  expect(projectYear(year(2025), NO_IN_MOVERS)).toEqual(year(2026));
  // Nobody of working age (a pensioner): residents rise, the share stays.
  expect(projectYear(year(2025), { households: 1, members: 1, workingAge: 0, outside: 0 })).toEqual({
    ...year(2026),
    residents: 1_001,
  });
});

test('one household can keep an area on the list, or let it leave', () => {
  // 2024: 41 %, 2025: 40 %, basic schooling 65 %: udsat now (average 40.5 % > 40 %, and > 60 % basic schooling).
  const history = [
    year(2024, { outsideWorkOrEducationPpm: 410_000, basicSchoolingOnlyPpm: 650_000 }),
    year(2025, { outsideWorkOrEducationPpm: 400_000, basicSchoolingOnlyPpm: 650_000 }),
  ];
  expect(classify(history, 2025).status).toBe('VULNERABLE_AREA');
  // Nobody moves in: 2026 carries 40 %, the average of 2025 and 2026 is 40 %, not more than 40 %: off the list.
  // With one household of one adult outside and one in work: (240 + 1) / (600 + 2) = 40.0332 %: the average is
  // 40.0166 % > 40 %: still udsat. Two adults in work instead: 240 / 602 = 39.8671 %: off the list.
  const outsideAndInWork: InMovers = { households: 1, members: 3, workingAge: 2, outside: 1 };
  const row = projectArea(history, '101', NO_IN_MOVERS, outsideAndInWork);
  expect(row).toEqual({
    areaId: 'area-1',
    municipalityCode: '101',
    residents: 1_000,
    statusNow: 'VULNERABLE_AREA',
    statusWithout: 'NONE',
    statusWith: 'VULNERABLE_AREA',
    effect: 'WORSE',
    outsidePpmNow: 400_000,
    outsidePpmWithout: 400_000,
    outsidePpmWith: 400_332,
    householdsInWithout: 0,
    householdsInWith: 1,
  });
  const better = projectArea(history, '101', outsideAndInWork, IN_WORK_FAMILY);
  expect([better.statusWithout, better.statusWith, better.effect]).toEqual(['VULNERABLE_AREA', 'NONE', 'BETTER']);
  expect(better.outsidePpmWith).toBe(398_671);
});

test('an area below 1,000 residents can enter the lists by the residents moving in', () => {
  const small = { residents: 996, outsideWorkOrEducationPpm: 450_000, basicSchoolingOnlyPpm: 650_000 };
  const history = [year(2024, small), year(2025, small)];
  expect(classify(history, 2025).status).toBe('NONE');
  const row = projectArea(history, '101', NO_IN_MOVERS, IN_WORK_FAMILY);
  expect([row.statusNow, row.statusWithout, row.statusWith]).toEqual(['NONE', 'NONE', 'VULNERABLE_AREA']);
});

const nation = syntheticNation({ seed: 7, areas: 200, vacancies: 300, seekers: 300 });

test('this service classifies the synthetic areas as the generator drew them, transformation areas included', () => {
  const differing = nation.areas.filter((area) => {
    const history = historyOf(area);
    return classify(history, history[history.length - 1]!.year).status !== area.status;
  });
  expect(differing.map((area) => area.id)).toEqual([]);
  const transformation = nation.areas.find((area) => area.status === 'TRANSFORMATION_AREA');
  expect(transformation && historyOf(transformation).map((row) => row.year)).toEqual([
    2020, 2021, 2022, 2023, 2024, 2025,
  ]);
});

test('today’s practice municipality by municipality is one national first-come, first-served round', () => {
  const national = greedyRound({
    date: nation.date,
    seekers: nation.seekers.map((seeker) => ({
      ...seeker,
      needs: { ...seeker.needs, acceptableMunicipalityCodes: [seeker.municipalityCode] },
    })),
    vacancies: nation.vacancies,
    areas: nation.areas,
    commitments: null,
    weights: WITHOUT_STEERING_WEIGHTS,
  });
  const pairs = (proposals: { seekerId: string; vacancyId: string }[]) =>
    proposals.map((p) => `${p.seekerId}→${p.vacancyId}`).sort();
  expect(national.proposals.length).toBeGreaterThan(50);
  expect(pairs(allocateWithoutSteering(nation, nation.areas))).toEqual(pairs(national.proposals));
});

test('a scenario adds up, leaves the other municipalities alone, and comes out the same twice', async () => {
  const participating = ['101', '147', '151', '153', '155', '157', '159', '161', '163', '165'];
  const input = { participating, commitments: null, weights: DEFAULT_WEIGHTS };
  const result = await runScenario(nation, input);
  expect(await runScenario(nation, input)).toEqual(result);
  const { summary, areas } = result;
  expect(areas).toHaveLength(200);
  expect(summary.participating).toEqual(participating);
  expect(summary.allParticipate).toBe(false);
  expect(summary.commitments.every((c) => participating.includes(c.municipalityCode))).toBe(true);
  for (const outcome of [summary.withoutSteering, summary.withSteering]) {
    const placed = outcome.householdsPlaced;
    expect(outcome.byMunicipality.reduce((n, m) => n + m.households, 0)).toBe(placed);
    expect(outcome.byAreaStatus.reduce((n, s) => n + s.households, 0)).toBe(placed);
    expect(outcome.areasByStatusNextYear.reduce((n, s) => n + s.areas, 0)).toBe(200);
  }
  expect(summary.withoutSteering.placedElsewhere).toBe(0);
  expect(areas.reduce((n, a) => n + a.householdsInWithout, 0)).toBe(summary.withoutSteering.householdsPlaced);
  expect(areas.reduce((n, a) => n + a.householdsInWith, 0)).toBe(summary.withSteering.householdsPlaced);
  // Outside the participating municipalities nothing changes; inside, nobody is placed outside them.
  const inside = (code: string) => participating.includes(code);
  for (const area of areas.filter((a) => !inside(a.municipalityCode))) {
    expect([area.areaId, area.householdsInWith, area.statusWith]).toEqual([
      area.areaId,
      area.householdsInWithout,
      area.statusWithout,
    ]);
  }
  const intake = (code: string) => summary.withSteering.byMunicipality.find((m) => m.municipalityCode === code);
  for (const code of participating) {
    const committed = summary.commitments.find((c) => c.municipalityCode === code)?.households ?? 0;
    expect(intake(code)?.households ?? 0).toBeLessThanOrEqual(committed);
  }
  expect(summary.withSteering.burdenPoints).toBeLessThanOrEqual(summary.withoutSteering.burdenPoints);
  expect(summary.optimalityGap).toBeLessThan(1e-6);
});

test('the statement says a harmful direction as plainly as a good one', () => {
  const outcome = {
    householdsPlaced: 100,
    placedElsewhere: 0,
    byMunicipality: [],
    byAreaStatus: [],
    averageFitPoints: 20,
    placedWithKnownWishes: 0,
    preferredOrAnchorPct: null,
    burdenPoints: 0,
    areasByStatusNextYear: [],
    areasOnListNextYear: 10,
    areasLeavingList: 0,
    areasEnteringList: 0,
  };
  const summary = (withSteering: Partial<typeof outcome>): ScenarioSummary => ({
    date: '2026-03-01',
    year: 2025,
    participating: ['101', '147'],
    allParticipate: false,
    commitments: [],
    nationsCommitments: true,
    weights: DEFAULT_WEIGHTS,
    optimalityGap: 0,
    seekers: 200,
    vacancies: 200,
    areas: 50,
    withoutSteering: outcome,
    withSteering: { ...outcome, ...withSteering },
    areasByStatusNow: [],
    areasOnListNow: 10,
    areasBetterWithSteering: 0,
    areasWorseWithSteering: 0,
    listDifference: (withSteering.areasOnListNextYear ?? 10) - 10,
    burdenDifference: withSteering.burdenPoints ?? 0,
    statement: '',
  });
  expect(statement(summary({ areasOnListNextYear: 12, burdenPoints: 50 }))).toContain(
    'Next year 2 more areas are on a list (12 with steering against 10 without): in this scenario steering lengthens the lists.',
  );
  expect(statement(summary({ areasOnListNextYear: 12, burdenPoints: 50 }))).toContain(
    'The burden part is higher with steering',
  );
  expect(statement(summary({ areasOnListNextYear: 8, burdenPoints: -50 }))).toContain(
    'Next year 2 fewer areas are on a list (8 with steering against 10 without): in this scenario steering shortens the lists.',
  );
  expect(statement(summary({ householdsPlaced: 90 }))).toContain(
    'With steering (2 municipalities steer), 90 of 200 households are placed, 10 fewer than the 100 without.',
  );
});
