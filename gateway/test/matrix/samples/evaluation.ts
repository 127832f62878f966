// The evaluation subgraph's operations, pointed at A's housing areas and municipality. Evaluation holds no
// organisation's records of its own: figures, funnels and follow-up are the evaluators' common ground.
import { FIRST_QUARTER, THIS_QUARTER, type World, YEAR, indicatorCsv } from '../world';
import { type Samples, shows } from './types';

export function evaluationSamples(world: World): Samples {
  const { A, housing } = world;
  const quarters = () => ({ from: FIRST_QUARTER, to: THIS_QUARTER });

  return {
    'Query.areaIndicators': {
      query: `query ($ids: [ID!]) { areaIndicators(filter: { areaIds: $ids }) { nodes { year } } }`,
      variables: () => ({ ids: [housing.area461] }),
    },
    'Query.areaClassifications': {
      query: `query ($year: Int!, $ids: [ID!]) { areaClassifications(year: $year, filter: { areaIds: $ids }) {
        nodes { status } } }`,
      variables: () => ({ year: YEAR - 1, ids: [housing.area461] }),
    },
    'Query.classificationRules': { query: `{ classificationRules { id } }` },
    'Query.inMovementBalance': {
      query: `query ($from: String!, $to: String!) { inMovementBalance(filter: { fromQuarter: $from, toQuarter: $to }) {
        quarter suppressed } }`,
      variables: quarters,
    },
    'Query.takeUpFunnel': { query: `{ takeUpFunnel(filter: { period: YEAR }) { period } }` },
    'Query.followedFamilies': { query: `{ followedFamilies(first: 5) { nodes { pseudonym } } }` },
    'Query.cohortComparison': { query: `{ cohortComparison(point: MONTH_12) { point outcomes { measure } } }` },
    'Query.evaluationCsv': { query: `{ evaluationCsv(table: TAKE_UP_FUNNEL) { rows csv } }` },
    'Query.indicatorImports': { query: `{ indicatorImports(first: 5) { nodes { id } } }` },
    'Query.steeringScenarios': { query: `{ steeringScenarios(first: 5) { nodes { id } } }` },
    'Query.steeringScenario': {
      query: `query ($id: ID!) { steeringScenario(id: $id) { id seed } }`,
      variables: () => ({ id: world.evaluation.scenarioId }),
    },

    'Mutation.importAreaIndicators': {
      query: `mutation ($input: ImportAreaIndicatorsInput!) { importAreaIndicators(input: $input) { id rows } }`,
      variables: () => ({ input: { csv: indicatorCsv([housing.spareArea]), source: 'matrix.csv' } }),
    },
    'Mutation.recordOutcomes': {
      query: `mutation ($input: [OutcomeInput!]!) { recordOutcomes(input: $input) { recorded } }`,
      variables: () => ({
        input: [
          {
            pseudonym: world.evaluation.pseudonym,
            point: 'BASELINE',
            adults: 1,
            adultsInWork: 1,
            adultsInEducation: 0,
            adultsOnBenefits: 0,
            children: 1,
          },
        ],
      }),
    },
    'Mutation.runSteeringScenario': {
      query: `mutation { runSteeringScenario(input: { seed: 11, vacancies: 20, seekers: 20, areas: 98 }) { id } }`,
    },

    'HousingArea.indicators': {
      query: `query ($id: ID!) { housingArea(id: $id) { id indicators { year } } }`,
      variables: () => ({ id: housing.area461 }),
      holdsA: shows('housingArea', 'indicators'),
    },
    'HousingArea.classification': {
      query: `query ($id: ID!) { housingArea(id: $id) { id classification { status } } }`,
      variables: () => ({ id: housing.area461 }),
      holdsA: shows('housingArea', 'classification'),
    },
    'HousingArea.projectedClassification': {
      query: `query ($id: ID!) { housingArea(id: $id) { id projectedClassification { status } } }`,
      variables: () => ({ id: housing.area461 }),
      holdsA: shows('housingArea', 'projectedClassification'),
    },
    'HousingArea.inMovementBalance': {
      query: `query ($id: ID!, $from: String!, $to: String!) { housingArea(id: $id) {
        id inMovementBalance(fromQuarter: $from, toQuarter: $to) { quarter } } }`,
      variables: () => ({ id: housing.area461, ...quarters() }),
      holdsA: shows('housingArea', 'inMovementBalance'),
    },
    'Municipality.takeUpFunnel': {
      query: `query ($code: ID!) { municipality(code: $code) { code takeUpFunnel { period } } }`,
      variables: () => ({ code: A.municipality }),
      holdsA: shows('municipality', 'takeUpFunnel'),
    },
  };
}
