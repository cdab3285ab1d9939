import { badInput } from '@kg/db/errors';
import {
  codeKey,
  loadCrosswalkPartners,
  loadNarrowerCodes,
  loadOccupationsOfCodes,
  ONET_SOC_CODE,
  SOC_CODE,
  type SocCodeView,
} from '@kg/db/soc/repository';
import { builder } from '../builder.ts';
import { nullableColumns } from './columns.ts';
import { describedEnum } from './described-enum.ts';
import { OccupationRef } from './kinds.ts';
import { listsByKey } from './related.ts';
import { SourceRef } from './source.ts';

const CodeSystemEnum = describedEnum('CodeSystem', 'An occupational classification.', {
  soc_2010: 'The 2010 Standard Occupational Classification (retired).',
  soc_2018: 'The 2018 Standard Occupational Classification.',
  onet_soc: 'O*NET-SOC occupation codes, below SOC 2018 detailed codes.',
});

export const SocCodeRef = builder.objectRef<SocCodeView>('SocCode');

const keyOf = (view: SocCodeView) => codeKey(view.system, view.code);

SocCodeRef.implement({
  description:
    'A code of an occupational classification, current or retired, with its place in the hierarchy and its history.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'e.g. 29-0000, 29-2070, 29-2072, 29-2072.00.' }),
    system: t.field({ type: CodeSystemEnum, resolve: (v) => v.system }),
    title: t.exposeString('title'),
    ...nullableColumns(t, 'String', {
      definition: 'The classification’s definition (SOC 2018 detailed occupations; O*NET descriptions).',
      level: 'major | minor | broad | detailed (SOC), onet_soc (an O*NET-SOC occupation).',
    }),
    current: t.exposeBoolean('current', {
      description: 'In today’s classification: false for SOC 2010 codes, which the 2018 SOC replaced.',
    }),
    broader: t.field({
      type: SocCodeRef,
      nullable: true,
      description: 'The next broader group; for an O*NET-SOC code, its SOC 2018 detailed code.',
      resolve: (v, _args, ctx) =>
        v.broaderCode
          ? ctx.loaders.socCode.load(codeKey(v.system === 'onet_soc' ? 'soc_2018' : v.system, v.broaderCode))
          : null,
    }),
    narrower: t.loadableList({
      type: SocCodeRef,
      description: 'The codes one level down; below a SOC 2018 detailed code, its O*NET-SOC occupations.',
      load: listsByKey((keys: string[], ctx) => loadNarrowerCodes(ctx.db, keys)),
      resolve: keyOf,
    }),
    occupations: t.loadableList({
      type: OccupationRef,
      description:
        'Occupations coded under this code (for a group, under any code in it; for a retired code, under the codes that replaced it).',
      load: async (views: SocCodeView[], ctx) => {
        const map = await loadOccupationsOfCodes(ctx.db, views);
        return views.map((v) => map.get(keyOf(v)) ?? []);
      },
      resolve: (v) => v,
    }),
    replacedBy: t.loadableList({
      type: SocCodeRef,
      description: 'The SOC 2018 codes a SOC 2010 code became (several when it was split).',
      load: listsByKey((keys: string[], ctx) => loadCrosswalkPartners(ctx.db, keys, 'forward')),
      resolve: keyOf,
    }),
    replaces: t.loadableList({
      type: SocCodeRef,
      description: 'The SOC 2010 codes a SOC 2018 code took over (several when they were merged).',
      load: listsByKey((keys: string[], ctx) => loadCrosswalkPartners(ctx.db, keys, 'backward')),
      resolve: keyOf,
    }),
    source: t.field({
      type: SourceRef,
      nullable: true,
      description: 'The release that states this code (O*NET-SOC codes: see the occupation’s citations).',
      resolve: (v) => v.sourceId,
    }),
    locator: t.exposeString('locator', {
      nullable: true,
      description: 'Where in the release: file, sheet and row.',
    }),
    definitionLocator: t.exposeString('definitionLocator', { nullable: true }),
  }),
});

builder.queryFields((t) => ({
  socCode: t.field({
    type: SocCodeRef,
    nullable: true,
    description:
      'A SOC 2010, SOC 2018 or O*NET-SOC code, current or retired. A SOC code that both releases use is read as SOC 2018 unless `system` says SOC_2010.',
    args: {
      code: t.arg.string({ required: true }),
      system: t.arg({ type: CodeSystemEnum, required: false }),
    },
    resolve: async (_, args, ctx) => {
      const code = args.code.trim();
      const onet = ONET_SOC_CODE.test(code);
      if (!onet && !SOC_CODE.test(code)) {
        throw badInput('a SOC code looks like 29-2072, an O*NET-SOC code like 29-2072.00', { field: 'code' });
      }
      if (args.system && (args.system === 'onet_soc') !== onet) {
        throw badInput(`${code} is not a ${args.system === 'onet_soc' ? 'O*NET-SOC' : 'SOC'} code`, { field: 'code' });
      }
      const systems = onet
        ? ['onet_soc' as const]
        : args.system
          ? [args.system]
          : ['soc_2018' as const, 'soc_2010' as const];
      const found = await ctx.loaders.socCode.loadMany(systems.map((s) => codeKey(s, code)));
      return found.find((v): v is SocCodeView => v !== null && !(v instanceof Error)) ?? null;
    },
  }),
}));
