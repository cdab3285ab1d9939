import { Alert, Link as MuiLink } from '@mui/material';
import { LinkBase, type RaRecord, useCreatePath, useGetList, useRecordContext } from 'react-admin';
import { useAbilities } from '../common/roles.tsx';
import { operationLabel } from './fields.tsx';

/**
 * Changes that wait for a reviewer, on the page of what they change: the page shows the published values until
 * they are published. On an entity's page: its drafts and its facts'; on a relation's or observation's page
 * (`entityOf` names the entity its drafts are filed under): the drafts of that fact.
 */
export function PendingDrafts({
  entityOf,
  what = 'this entity',
}: {
  entityOf?: (record: RaRecord) => string;
  what?: string;
}) {
  const record = useRecordContext();
  const { canWrite } = useAbilities();
  const createPath = useCreatePath();
  const entityId = record ? (entityOf ? entityOf(record) : record.id) : undefined;
  const { data } = useGetList(
    'drafts',
    { filter: { entityId, status: 'PENDING' }, pagination: { page: 1, perPage: 25 } },
    { enabled: canWrite && !!entityId },
  );
  const pending = (data ?? []).filter((d) => !entityOf || d.fact?.id === record?.id);
  if (!canWrite || pending.length === 0) return null;
  return (
    <Alert severity="info" sx={{ mb: 1 }}>
      {pending.length === 1 ? 'A change' : `${pending.length} changes`} to {what}{' '}
      {pending.length === 1 ? 'awaits' : 'await'} review:{' '}
      {pending.map((d, i) => (
        <span key={d.id}>
          {i > 0 ? ', ' : ''}
          <MuiLink component={LinkBase} to={createPath({ resource: 'drafts', id: d.id, type: 'show' })}>
            {operationLabel(d.operation)} by {d.author}
          </MuiLink>
        </span>
      ))}
      . The values shown are the published ones.
    </Alert>
  );
}
