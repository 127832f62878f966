// Limits on what one request may ask of the platform: nesting depth (a validation rule) and cost, where a
// list multiplies the cost of what is selected inside it (a plugin, since page sizes may be variables).
import type { ApolloServerPlugin } from '@apollo/server';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, type ValidationContext, getNamedType, getNullableType, isLeafType, isListType } from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';

export interface Limits {
  maxDepth: number;
  maxCost: number;
  /** Items assumed for a list field without `first`, by `Type.field`; others count `defaultListSize`. */
  listSizes: Readonly<Record<string, number>>;
  defaultListSize: number;
  /** Items assumed for a connection when `first` is not given (the subgraphs' default page). */
  defaultPageSize: number;
}

/**
 * The defaults. A department has about 70 units on average nationally (some 550,000 homes in about 7,500
 * departments), an area a handful of departments, a unit a few vacancies over time.
 */
export const DEFAULT_LIMITS: Limits = {
  maxDepth: 12,
  maxCost: 100_000,
  listSizes: {
    'Municipality.housingAreas': 20,
    'HousingOrganisation.departments': 30,
    'HousingArea.departments': 4,
    'HousingArea.lettingPolicies': 3,
    'HousingArea.officialStatuses': 15,
    'Department.units': 70,
    'Unit.vacancies': 3,
  },
  defaultListSize: 10,
  defaultPageSize: 20,
};

export function depthRule(limits: Limits) {
  return maxDepthRule({
    n: limits.maxDepth,
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const found = /found (\d+)/.exec(error.message)?.[1];
        context?.reportError(
          new GraphQLError(
            `the query is nested too deeply (${found ?? 'over'} levels; the limit is ${limits.maxDepth})`,
          ),
        );
      },
    ],
  });
}

/**
 * Cost = the number of objects a query may return. A scalar costs nothing, an object 1, a list its
 * expected size times its element's cost, a connection `first` times the cost of one page entry.
 */
export function costEstimator(limits: Limits): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    const named = getNamedType(field.type);
    if (isLeafType(named)) return 0;
    if (type.name.endsWith('Connection') && (field.name === 'nodes' || field.name === 'edges')) {
      return 1 + childComplexity;
    }
    if (named.name.endsWith('Connection')) {
      const first = typeof args.first === 'number' && args.first > 0 ? args.first : limits.defaultPageSize;
      return 1 + first * childComplexity;
    }
    if (isListType(getNullableType(field.type))) {
      const size = limits.listSizes[`${type.name}.${field.name}`] ?? limits.defaultListSize;
      return size * (1 + childComplexity);
    }
    return 1 + childComplexity;
  };
}

export function costLimitPlugin(limits: Limits): ApolloServerPlugin {
  const estimator = costEstimator(limits);
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request, document, schema }) {
          const cost = getComplexity({
            schema,
            query: document,
            variables: request.variables ?? {},
            ...(request.operationName ? { operationName: request.operationName } : {}),
            estimators: [estimator],
          });
          if (cost > limits.maxCost) {
            throw new GraphQLError(
              `the query could return about ${cost} objects; the limit is ${limits.maxCost}: ask for smaller pages or fewer nested lists`,
              { extensions: { code: 'BAD_USER_INPUT', cost, maxCost: limits.maxCost, http: { status: 400 } } },
            );
          }
          return Promise.resolve();
        },
      });
    },
  };
}
