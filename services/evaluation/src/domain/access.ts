// Who may see what of the evaluation subgraph. Area figures are public knowledge in kind (the ministry publishes
// its lists), so those who let homes and find homes may read them; the follow-up of families, the take-up and
// the in-movement through the platform are for evaluators and platform administrators, as aggregates and
// pseudonyms only.
import { type Identity, hasRole } from '@second-chance/identity';

/** Area indicators and classification. */
export function mayReadAreaFigures(identity: Identity): boolean {
  return hasRole(identity, 'evaluator', 'platform-admin', 'caseworker', 'letting-officer');
}

/** In-movement balance, take-up funnel, followed families, cohort comparison, their CSV and the imports. */
export function mayReadEvaluation(identity: Identity): boolean {
  return hasRole(identity, 'evaluator', 'platform-admin');
}

/** Importing indicators and recording outcomes: the evaluators who own this subgraph, and platform administrators. */
export function mayRecordEvaluationData(identity: Identity): boolean {
  return (
    (hasRole(identity, 'evaluator') && identity.organisation.type === 'EVALUATOR') ||
    (hasRole(identity, 'platform-admin') && identity.organisation.type === 'PLATFORM')
  );
}
