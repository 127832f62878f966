// The authorization questions the evaluation subgraph's resolvers ask, answered with FORBIDDEN when no.
import type { Identity } from '@second-chance/identity';
import { forbidden } from '@second-chance/service-kit';
import { mayReadAreaFigures, mayReadEvaluation, mayRecordEvaluationData } from '../domain/access';

export function requireAreaFigures(identity: Identity): void {
  if (!mayReadAreaFigures(identity)) {
    throw forbidden(
      'area indicators and classifications are for evaluators, platform administrators, caseworkers and letting officers',
    );
  }
}

export function requireEvaluation(identity: Identity, what: string): void {
  if (!mayReadEvaluation(identity)) throw forbidden(`${what} is for evaluators and platform administrators`);
}

export function requireRecorder(identity: Identity, what: string): void {
  if (!mayRecordEvaluationData(identity)) throw forbidden(`${what} is for evaluators and platform administrators`);
}
