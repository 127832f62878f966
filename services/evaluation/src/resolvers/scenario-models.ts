// The shapes the scenario resolvers pass around where they are not entities.
import type { Connection } from '@second-chance/service-kit';
import type { ScenarioAreaRow } from '../domain/scenario';
import type { SteeringScenarioEntity } from '../entities';
import type { Page } from '../store/pages';

export type ScenariosPage = Connection<SteeringScenarioEntity>;
export type ScenarioAreasPage = Page<ScenarioAreaRow>;
