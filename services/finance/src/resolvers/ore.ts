// The Ore scalar: whole øre as a JSON number. GraphQL's Int stops at 2^31 - 1 øre (21 million kroner), which a
// quarter's settlement passes easily.
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function ore(value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  throw new GraphQLError(`Ore is a whole number of øre (a safe integer), not ${JSON.stringify(value)}`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

export const OreScalar = new GraphQLScalarType<number, number>({
  name: 'Ore',
  description: 'An amount in øre (1/100 DKK), a safe integer.',
  serialize: ore,
  parseValue: ore,
  parseLiteral: (ast) => ore(ast.kind === Kind.INT ? Number(ast.value) : undefined),
});
