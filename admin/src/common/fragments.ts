import { gql } from '../graphql.ts';

/** Fields several resources read, as fragments their documents include. */

export const EntityRefFields = gql(`fragment EntityRefFields on Entity { id kind name }`);

export const SourceFields = gql(`
  fragment SourceFields on Source { id key title url publisher publishedAt retrievedAt kind version }
`);

export const CitationFields = gql(`
  fragment CitationFields on Citation {
    id quote locator retrievedAt curator reviewStatus version createdAt source { id title url }
  }
`);
