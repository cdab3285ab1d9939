import { Stack, Typography } from '@mui/material';
import { useGetManyReference, useRecordContext } from 'react-admin';
import { CitationText } from './citation-text.tsx';

/** The citations a fact already has, shown in its edit form so a curator sees what the fact rests on. */
export function CurrentCitations() {
  const record = useRecordContext();
  const { data, isPending } = useGetManyReference(
    'citations',
    { target: 'factId', id: record?.id, pagination: { page: 1, perPage: 50 }, sort: { field: 'id', order: 'ASC' } },
    { enabled: !!record?.id },
  );
  if (!record || isPending) return null;
  return (
    <Stack spacing={0.5} sx={{ mt: 2, mb: 1 }} aria-label="Current citations" role="region">
      <Typography variant="subtitle1">Cited now</Typography>
      {data?.length ? (
        data.map((c) => <CitationText key={c.id} citation={c} />)
      ) : (
        <Typography variant="body2" color="warning.main">
          Nothing cites this yet.
        </Typography>
      )}
    </Stack>
  );
}
