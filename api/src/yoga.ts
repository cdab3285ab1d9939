import type { DatabaseHandle } from '@kg/db/connect';
import { createYoga } from 'graphql-yoga';
import { asOfPlugin } from './as-of.ts';
import { viewerFromRequest } from './auth.ts';
import { createContext } from './context.ts';
import { maskError } from './errors.ts';
import { schema } from './schema.ts';

export interface YogaOptions {
  database: DatabaseHandle;
  graphiql?: boolean;
  logErrors?: boolean;
}

export function createGraphQLServer({ database, graphiql = true, logErrors = false }: YogaOptions) {
  return createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: graphiql && { title: 'Occupational knowledge graph', defaultQuery: EXAMPLE_QUERY },
    landingPage: false,
    // unexpected errors are logged by maskError below; expected ones (bad input) are not worth a log line
    logging: false,
    maskedErrors: {
      maskError: (error, message) => {
        const masked = maskError(error, message, logErrors);
        if (logErrors && masked.extensions.code === 'INTERNAL') console.error(error);
        return masked;
      },
    },
    plugins: [asOfPlugin(database)],
    context: async ({ request }) => createContext(database, await viewerFromRequest(database.db, request)),
  });
}

export const EXAMPLE_QUERY = `# One occupation with its titles, specializations, courses, credentials and their issuers,
# employers and wages, each fact with its citations.
query MedicalRecordsTechnician {
  occupation(socCode: "29-2072") {
    name socCode onetSocCode
    labels { text type }
    alternateTitles { name citations { quote source { title } } }
    specializations { name }
    courses { name }
    credentials { name abbreviation issuers { name abbreviation } }
    employers { name }
    wages { metric value unit period citations { quote source { title } } }
  }
}
`;
