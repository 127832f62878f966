// Limits on what one request may ask of the platform: its size in tokens (checked while parsing), nesting
// depth, aliases and directives (validation rules) and cost, where a list multiplies the cost of what is
// selected inside it (a plugin, since page sizes may be variables).
import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  type DocumentNode,
  GraphQLError,
  type ValidationContext,
  type ValidationRule,
  getNamedType,
  getNullableType,
  getVariableValues,
  isLeafType,
  isListType,
} from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';

export interface Limits {
  maxDepth: number;
  maxCost: number;
  /** Aliased fields in one operation (fragments counted where they are spread). */
  maxAliases: number;
  /** Directives in one operation (fragments counted where they are spread). */
  maxDirectives: number;
  /** Tokens in one document: the parser stops at this many, before any other work is done. */
  maxTokens: number;
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
  // The platform's own queries use at most 5 aliases, no directives and under 100 tokens.
  maxAliases: 30,
  maxDirectives: 50,
  maxTokens: 5_000,
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

/** graphql-armor's rules report "… found N"; this reports the same in the platform's words. */
function rejection(describe: (found: string) => string) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const found = /found (\d+)/.exec(error.message)?.[1] ?? 'too many';
    context?.reportError(new GraphQLError(describe(found)));
  };
}

export function aliasesRule(limits: Limits): ValidationRule {
  return maxAliasesRule({
    n: limits.maxAliases,
    propagateOnRejection: false,
    onReject: [
      rejection(
        (found) => `the query uses ${found} aliases; the limit is ${limits.maxAliases}: split it into several requests`,
      ),
    ],
  });
}

export function directivesRule(limits: Limits): ValidationRule {
  return maxDirectivesRule({
    n: limits.maxDirectives,
    propagateOnRejection: false,
    onReject: [rejection((found) => `the query uses ${found} directives; the limit is ${limits.maxDirectives}`)],
  });
}

/** The validation rules that bound a query's shape: depth, aliases, directives. */
export function limitRules(limits: Limits): ValidationRule[] {
  return [depthRule(limits), aliasesRule(limits), directivesRule(limits)];
}

/** graphql-js's message when a document has more tokens than `maxTokens`, in the platform's words. */
export function tokenLimitMessage(message: string, limits: Limits): string | undefined {
  if (!/Document contains more (?:than|that) \d+ tokens/.test(message)) return undefined;
  return `the query has more than ${limits.maxTokens} tokens, the limit: send a shorter query`;
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

/**
 * The request's variables against the operation's declarations: a value of the wrong type is the client's
 * error (BAD_USER_INPUT, 400). Checked here because the gateway's executor would report it without a code,
 * which the error formatter then hides as an internal error.
 */
function checkVariables(
  schema: Parameters<typeof getVariableValues>[0],
  definitions: Parameters<typeof getVariableValues>[1] | undefined,
  variables: Record<string, unknown> | undefined,
): void {
  if (!definitions?.length) return;
  const { errors } = getVariableValues(schema, definitions, variables ?? {});
  if (!errors?.length) return;
  throw new GraphQLError(errors.map((error) => error.message).join(' '), {
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}

/**
 * The cost of each parsed document (Apollo Server keeps one parsed document per query text, so the same
 * query is the same object) for the last few operation names and variables it was asked with: a front-end
 * asks the same query over and over, and estimating it walks the whole document against the schema.
 */
class CostMemo {
  private readonly byDocument = new WeakMap<DocumentNode, Map<string, number>>();

  of(
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | undefined,
    estimate: () => number,
  ): number {
    let known = this.byDocument.get(document);
    if (!known) {
      known = new Map();
      this.byDocument.set(document, known);
    }
    const key = JSON.stringify([operationName ?? null, variables ?? {}]);
    let cost = known.get(key);
    if (cost === undefined) {
      cost = estimate();
      if (known.size >= 64) known.clear();
      known.set(key, cost);
    }
    return cost;
  }
}

/** Checks the variables, then refuses a query that could return more objects than `maxCost`. */
export function costLimitPlugin(limits: Limits): ApolloServerPlugin {
  const estimator = costEstimator(limits);
  const costs = new CostMemo();
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request, document, schema, operation }) {
          checkVariables(schema, operation?.variableDefinitions, request.variables);
          const cost = costs.of(document, request.operationName, request.variables, () =>
            getComplexity({
              schema,
              query: document,
              variables: request.variables ?? {},
              ...(request.operationName ? { operationName: request.operationName } : {}),
              estimators: [estimator],
            }),
          );
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
