// The shapes resolvers pass around where they are not entities.
import type { Connection } from '@second-chance/service-kit';
import type { AreaIndicatorsEntity, IndicatorImportEntity, ParticipationEntity } from '../entities';
import type { ClassificationView } from '../store/classification';
import type { Page } from '../store/pages';

/** References to other subgraphs' entities: their keys. */
export interface AreaRef {
  id: string;
}

export interface MunicipalityRef {
  code: string;
}

export type IndicatorsPage = Connection<AreaIndicatorsEntity>;
export type ClassificationPage = Page<ClassificationView>;
export type FollowedPage = Connection<ParticipationEntity>;
export type ImportsPage = Connection<IndicatorImportEntity>;

export type { CriterionAssessment as CriterionAssessmentModel } from '../domain/classification';
export type { GroupSummary as GroupSummaryModel } from '../domain/statistics';
