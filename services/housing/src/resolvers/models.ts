// The shapes resolvers pass around where they are not entities.
import type { Connection } from '@second-chance/service-kit';
import type { AreaStatus } from '../domain/area-status';
import type {
  DepartmentEntity,
  HousingAreaEntity,
  HousingOrganisationEntity,
  UnitEntity,
  VacancyEntity,
} from '../entities';

export type HousingOrganisationPage = Connection<HousingOrganisationEntity>;
export type HousingAreaPage = Connection<HousingAreaEntity>;
export type DepartmentPage = Connection<DepartmentEntity>;
export type UnitPage = Connection<UnitEntity>;
export type VacancyPage = Connection<VacancyEntity>;

export interface OfficialStatusModel {
  year: number;
  status: AreaStatus;
  publishedOn: string;
}
