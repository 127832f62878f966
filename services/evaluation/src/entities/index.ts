import { AreaIndicatorsEntity, IndicatorImportEntity } from './indicators';
import { InMoveEntity, OutcomeEntity, ParticipationEntity, ReceivedEventEntity } from './follow-up';

export {
  AreaIndicatorsEntity,
  IndicatorImportEntity,
  InMoveEntity,
  OutcomeEntity,
  ParticipationEntity,
  ReceivedEventEntity,
};

export const entities = [
  AreaIndicatorsEntity,
  IndicatorImportEntity,
  ParticipationEntity,
  InMoveEntity,
  OutcomeEntity,
  ReceivedEventEntity,
];
