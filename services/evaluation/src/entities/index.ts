import { AreaIndicatorsEntity, IndicatorImportEntity } from './indicators';
import { InMoveEntity, OutcomeEntity, ParticipationEntity, ReceivedEventEntity } from './follow-up';
import { SteeringScenarioEntity } from './scenario';

export {
  AreaIndicatorsEntity,
  IndicatorImportEntity,
  InMoveEntity,
  OutcomeEntity,
  ParticipationEntity,
  ReceivedEventEntity,
  SteeringScenarioEntity,
};

export const entities = [
  AreaIndicatorsEntity,
  IndicatorImportEntity,
  ParticipationEntity,
  InMoveEntity,
  OutcomeEntity,
  ReceivedEventEntity,
  SteeringScenarioEntity,
];
