// The gateway's list of subgraphs (which `pnpm start` and composition read) agrees with the services.
import { createHouseholdsSubgraph, generateKeys } from '@second-chance/households';
import { housingSubgraph } from '@second-chance/housing';
import { createFinanceSubgraph } from '@second-chance/finance';
import { createEvaluationSubgraph } from '@second-chance/evaluation';
import { SUBGRAPHS } from '../../src';

test('every subgraph is listed with its own name, port and the services it calls', () => {
  const modules = [
    housingSubgraph,
    createHouseholdsSubgraph({ keys: generateKeys(), offerResponseDays: 5, subscribers: [] }),
    createFinanceSubgraph({ eventSecrets: [] }),
    createEvaluationSubgraph({ eventSecrets: [] }),
  ];
  expect(SUBGRAPHS.map((s) => ({ name: s.name, port: s.defaultPort, calls: s.calls ?? [] }))).toEqual(
    modules.map((m) => ({ name: m.name, port: m.defaultPort, calls: m.calls ?? [] })),
  );
});
