import { DepartmentEntity } from './department';
import { HousingAreaEntity } from './housing-area';
import { HousingOrganisationEntity } from './housing-organisation';
import { LettingPolicyEntity } from './letting-policy';
import { MunicipalityEntity } from './municipality';
import { OfficialAreaStatusEntity } from './official-area-status';
import { ReservationEntity } from './reservation';
import { UnitEntity } from './unit';
import { VacancyEntity } from './vacancy';

export {
  DepartmentEntity,
  HousingAreaEntity,
  HousingOrganisationEntity,
  LettingPolicyEntity,
  MunicipalityEntity,
  OfficialAreaStatusEntity,
  ReservationEntity,
  UnitEntity,
  VacancyEntity,
};

export const entities = [
  MunicipalityEntity,
  HousingOrganisationEntity,
  HousingAreaEntity,
  DepartmentEntity,
  UnitEntity,
  VacancyEntity,
  ReservationEntity,
  LettingPolicyEntity,
  OfficialAreaStatusEntity,
];
