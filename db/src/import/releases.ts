import type { oewsPeriod } from './oews.ts';
import type { Release } from './run.ts';

/**
 * The dataset releases this service imports, as the sources their facts cite. A release's family (the part of its
 * key before the colon) is shared by the imports that write the same facts: `onet:27.0` and `onet:29.3`.
 */

/** The ESCO source every ESCO release's import shares its facts under. */
const ESCO_PUBLISHER = 'European Commission. This service uses the ESCO classification of the European Commission.';

type OewsPeriod = ReturnType<typeof oewsPeriod>;

export const RELEASES = {
  esco: {
    dataset: 'esco',
    key: 'esco:1.0',
    title: 'ESCO classification, occupations (English), v1.0',
    url: 'https://esco.ec.europa.eu/',
    publisher: ESCO_PUBLISHER,
    publishedAt: null,
  },
  esco_1_1_1: {
    dataset: 'esco_1_1_1',
    key: 'esco:1.1.1',
    title: 'ESCO classification v1.1.1 (English), CSV export: classification and relations',
    url: 'https://esco.ec.europa.eu/en/use-esco/download',
    publisher: ESCO_PUBLISHER,
    publishedAt: '2022-09-13',
  },
  nesta_esco_onet: {
    dataset: 'nesta_esco_onet',
    key: 'nesta:2020-11',
    title: 'Mapping Career Causeways: ESCO-O*NET occupation crosswalk (Nov 2020)',
    url: 'https://github.com/nestauk/mapping-career-causeways',
    publisher:
      'Nesta (Kanders K., Djumalieva J., Sleeman C. and Orlik J., Mapping Career Causeways: Supporting workers at risk, 2020); MIT licence',
    publishedAt: '2020-11-23',
  },
  isco_soc: {
    dataset: 'isco_soc',
    key: 'bls-isco-soc:2015-06',
    title: 'ISCO-08 to 2010 SOC crosswalk (August 2012, updated June 2015)',
    url: 'https://www.bls.gov/soc/soccrosswalks.htm',
    publisher: 'U.S. Bureau of Labor Statistics, for the Standard Occupational Classification Policy Committee',
    publishedAt: '2015-06-01',
  },
  bls_soc: {
    dataset: 'bls_soc',
    key: 'bls-soc:2018',
    title:
      '2018 Standard Occupational Classification: structure, definitions, 2010 to 2018 crosswalk and direct match titles',
    url: 'https://www.bls.gov/soc/2018/',
    publisher: 'U.S. Bureau of Labor Statistics, for OMB and the SOC Policy Committee',
    publishedAt: '2017-11-01',
  },
  nces_cip: {
    dataset: 'nces_cip',
    key: 'nces-cip:2020',
    title: 'Classification of Instructional Programs 2020 and the CIP 2020 to SOC 2018 crosswalk',
    url: 'https://nces.ed.gov/ipeds/cipcode/',
    publisher: 'U.S. Department of Education, National Center for Education Statistics (NCES), with BLS',
    publishedAt: null,
  },
  naics: {
    dataset: 'naics',
    key: 'naics:2022',
    title: 'North American Industry Classification System (NAICS) 2022, 2-6 digit codes',
    url: 'https://www.census.gov/naics/',
    publisher: 'U.S. Census Bureau',
    publishedAt: null,
  },
  bls_ep: {
    dataset: 'bls_ep',
    key: 'bls-ep:2023-33',
    title: 'Employment Projections 2023-33, occupational projections and worker characteristics (Table 1.2)',
    url: 'https://www.bls.gov/emp/tables.htm',
    publisher: 'U.S. Bureau of Labor Statistics, Employment Projections program',
    publishedAt: '2024-08-29',
  },
  nj_licenses: {
    dataset: 'nj_licenses',
    key: 'nj-licenses:2021-03',
    title: 'New Jersey Eligible Training Provider List lookup tables: state licenses and industry credentials',
    url: 'https://github.com/newjersey/d4ad',
    publisher: 'New Jersey Department of Labor and Workforce Development (NJDOL)',
    publishedAt: '2021-03-23',
  },
} satisfies Record<string, Release>;

/** An O*NET database release, as its Read Me names it. */
export const onetDatabaseRelease = (version: string, published: string | null): Release => ({
  dataset: 'onet',
  key: `onet:${version}`,
  title: `O*NET ${version} Database`,
  url: 'https://www.onetcenter.org/database.html',
  publisher: 'U.S. Department of Labor, Employment and Training Administration (USDOL/ETA); CC BY 4.0',
  publishedAt: published,
});

/** The OEWS national cross-industry estimates of a year. */
export const oewsNationalRelease = (period: OewsPeriod): Release => ({
  dataset: 'oews',
  key: `oews:${period.year}-05`,
  title: `Occupational Employment and Wage Statistics, ${period.label} national estimates`,
  url: 'https://www.bls.gov/oes/',
  publisher: 'U.S. Bureau of Labor Statistics',
  publishedAt: null,
});

/** The OEWS national estimates by NAICS sector of a year. */
export const oewsSectorsRelease = (period: OewsPeriod): Release => ({
  dataset: 'oews_sectors',
  key: `oews-sectors:${period.year}-05`,
  title: `Occupational Employment and Wage Statistics, ${period.label} national estimates by NAICS sector`,
  url: 'https://www.bls.gov/oes/tables.htm',
  publisher: 'U.S. Bureau of Labor Statistics',
  publishedAt: null,
});
