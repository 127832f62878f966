// pnpm scenario [--seed 1] [--vacancies 2000] [--seekers 2000] [--areas 1000] [--participating 101,147,…]
//
// A what-if scenario of in-mover steering, in memory: generates the synthetic nation of the seed (a progress bar),
// runs today's practice and the steered round over it, and prints the summary. Nothing is read or written: no
// database is needed. The `runSteeringScenario` mutation runs the same and keeps the result (with every area's row,
// and its CSV) for evaluators to read later. See docs/evaluation.md, "What-if scenarios of in-mover steering".
import { Presets, SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { AREA_STATUSES, type PlacementSummary, type ScenarioSummary } from '../domain/scenario';
import { type ScenarioRequest, checkScenarioRequest, computeScenario, CLI_SCENARIO_SIZES } from '../store/scenario';

function whole(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('a whole number');
  return n;
}

function codes(value: string): string[] {
  return value
    .split(',')
    .map((code) => code.trim())
    .filter(Boolean);
}

const fixed = (n: number | null, digits = 1) => (n === null ? '-' : n.toFixed(digits));

function alternative(name: string, p: PlacementSummary): string[] {
  const top = p.byMunicipality
    .slice(0, 5)
    .map(
      (m) => `${m.municipalityCode}: ${m.households}${m.fromElsewhere ? ` (${m.fromElsewhere} from elsewhere)` : ''}`,
    )
    .join(', ');
  return [
    `${name}`,
    `  households placed        ${p.householdsPlaced} (${p.placedElsewhere} in another municipality than their own)`,
    `  most received            ${top || '-'}`,
    `  by area status now       ${p.byAreaStatus.map((s) => `${s.status} ${s.households}`).join(', ')}`,
    `  fit per household        ${fixed(p.averageFitPoints)} points (lower fits better)`,
    `  preferred or anchor      ${fixed(p.preferredOrAnchorPct)} % of ${p.placedWithKnownWishes} households with known wishes`,
    `  burden part              ${fixed(p.burdenPoints)} points`,
    `  areas next year          ${p.areasByStatusNextYear.map((s) => `${s.status} ${s.areas}`).join(', ')}`,
    `  on a list next year      ${p.areasOnListNextYear} (${p.areasLeavingList} leave a list, ${p.areasEnteringList} enter one)`,
  ];
}

function report(s: ScenarioSummary, seed: number, seconds: number): string {
  return [
    `Scenario: seed ${seed}, ${s.areas} areas, ${s.vacancies} vacancies, ${s.seekers} households searching, ` +
      `round date ${s.date} (figures of ${s.year}; next year ${s.year + 1})`,
    `Participating: ${s.allParticipate ? 'all 98 municipalities' : s.participating.join(', ')}; commitments: ` +
      `${s.nationsCommitments ? "the nation's" : 'as given'} (${s.commitments.reduce((n, c) => n + c.households, 0)} households)`,
    `Weights: ${Object.entries(s.weights)
      .map(([k, v]) => `${k} ${v}`)
      .join(
        ', ',
      )}; the steered round is ${s.optimalityGap < 1e-6 ? 'proven optimal' : `${s.optimalityGap.toFixed(3)} points from its proven bound`}`,
    `Areas now: ${AREA_STATUSES.map((status) => `${status} ${s.areasByStatusNow.find((a) => a.status === status)?.areas ?? 0}`).join(', ')}`,
    '',
    ...alternative('Without steering (own municipality, first come first served)', s.withoutSteering),
    '',
    ...alternative('With steering', s.withSteering),
    '',
    `Areas with a lower status with steering than without: ${s.areasBetterWithSteering}; a higher one: ${s.areasWorseWithSteering}`,
    `On a list next year, with minus without: ${s.listDifference > 0 ? '+' : ''}${s.listDifference}; ` +
      `burden part, with minus without: ${s.burdenDifference > 0 ? '+' : ''}${fixed(s.burdenDifference)} points`,
    '',
    s.statement,
    '',
    `Ran in ${seconds.toFixed(1)} s, in memory; nothing was kept (the runSteeringScenario mutation keeps a scenario).`,
  ].join('\n');
}

async function main(): Promise<number> {
  const program = new Command()
    .name('scenario')
    .description('A what-if scenario of in-mover steering over a synthetic nation, in memory (nothing is kept)')
    .option('--seed <n>', "the synthetic nation's seed", whole, 1)
    .option('--vacancies <n>', `vacancies in the year (at most ${CLI_SCENARIO_SIZES.vacancies.max})`, whole)
    .option('--seekers <n>', `households searching (at most ${CLI_SCENARIO_SIZES.seekers.max})`, whole)
    .option('--areas <n>', `housing areas (at most ${CLI_SCENARIO_SIZES.areas.max})`, whole)
    .option(
      '--participating <codes>',
      'municipality codes that steer together, comma-separated (default: all 98)',
      codes,
    )
    .parse();
  const options = program.opts<{
    seed: number;
    vacancies?: number;
    seekers?: number;
    areas?: number;
    participating?: string[];
  }>();
  const request: ScenarioRequest = {
    seed: options.seed,
    vacancies: options.vacancies ?? null,
    seekers: options.seekers ?? null,
    areas: options.areas ?? null,
    participatingMunicipalityCodes: options.participating ?? null,
  };
  let input;
  try {
    input = checkScenarioRequest(request, '', CLI_SCENARIO_SIZES);
  } catch (error) {
    process.stderr.write(
      `${(error as Error).message.replace(/^\.participatingMunicipalityCodes/, '--participating').replace(/^\./, '--')}\n`,
    );
    return 2;
  }

  const bar = new SingleBar(
    { format: '{phase} [{bar}] {percentage}% | {value}/{total}', hideCursor: true },
    Presets.shades_classic,
  );
  let phase = '';
  const started = performance.now();
  bar.start(1, 0, { phase: 'generating'.padEnd(16) });
  try {
    const result = await computeScenario(input, (next, done, total) => {
      if (next !== phase) {
        phase = next;
        bar.setTotal(total);
      }
      bar.update(done, { phase: next.padEnd(16) });
    });
    bar.stop();
    process.stdout.write(`${report(result.summary, input.seed, (performance.now() - started) / 1000)}\n`);
    return 0;
  } finally {
    bar.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
