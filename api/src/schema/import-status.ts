import { builder } from '../builder.ts';
import type { ImportStatus } from '../import-status.ts';
import { describedEnum } from './described-enum.ts';

const ImportStateEnum = describedEnum(
  'ImportState',
  'Where the import of the reference data shipped with the service stands.',
  {
    pending: 'Waiting to start.',
    running: 'Importing: the seed graph and what is imported so far are served.',
    finished: 'Imported by this process.',
    failed: 'Stopped by an error; the next start resumes it.',
    skipped: 'Nothing to import (already done, or turned off).',
  },
);

const ImportStatusRef = builder.objectRef<ImportStatus>('ImportStatus').implement({
  description: 'The background import of the reference data: the service answers while it runs.',
  fields: (t) => ({
    state: t.field({ type: ImportStateEnum, resolve: (s) => s.state }),
    step: t.exposeString('step', { nullable: true, description: 'The file being imported, e.g. onet:occupations.' }),
    done: t.exposeInt('done', { description: 'Rows of this step done.' }),
    total: t.exposeInt('total', { description: 'Rows of this step.' }),
    stepsDone: t.exposeInt('stepsDone'),
    startedAt: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.startedAt }),
    finishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.finishedAt }),
    error: t.exposeString('error', { nullable: true }),
  }),
});

builder.queryField('importStatus', (t) =>
  t.field({
    type: ImportStatusRef,
    description: 'Whether the reference data is still being imported (the console shows it on its dashboard).',
    resolve: (_, __, ctx) => ctx.importStatus.status,
  }),
);
