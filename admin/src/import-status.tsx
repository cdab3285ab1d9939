import { Alert, Box, LinearProgress, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { gql, type ResultOf, request } from './graphql.ts';

/** The reference data import of the first start, as the dashboard shows it while it runs or when it failed. */

const ImportStatusQuery = gql(`
  query ImportStatus { importStatus { state step done total stepsDone error startedAt finishedAt } }
`);

type Status = ResultOf<typeof ImportStatusQuery>['importStatus'];

const POLL_MS = 3000;

export function ImportStatusCard() {
  const [status, setStatus] = useState<Status | null>(null);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () =>
      request(ImportStatusQuery, {})
        .then(({ importStatus }) => {
          if (!live) return;
          setStatus(importStatus);
          // keep following an import that runs; a finished or failed one does not change
          if (importStatus.state === 'RUNNING' || importStatus.state === 'PENDING') timer = setTimeout(poll, POLL_MS);
        })
        .catch(() => undefined);
    poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, []);
  if (!status || status.state === 'FINISHED') return null;
  if (status.state === 'FAILED') {
    return (
      <Alert severity="error" sx={{ mb: 3, maxWidth: 760 }}>
        The reference data import stopped{status.step ? ` at ${status.step}` : ''}: {status.error ?? 'unknown error'}.
        The next start resumes it.
      </Alert>
    );
  }
  const percent = status.total > 0 ? Math.round((100 * status.done) / status.total) : null;
  return (
    <Box sx={{ mb: 3, maxWidth: 760 }} role="status" aria-label="Reference data import">
      <Typography variant="body2" sx={{ mb: 0.5 }}>
        {status.state === 'PENDING'
          ? 'The reference data import is about to start; the seed graph is served meanwhile.'
          : `Importing the reference data (${status.stepsDone} steps done${status.step ? `, now ${status.step}` : ''}${
              percent !== null
                ? `: ${status.done.toLocaleString('en-US')} of ${status.total.toLocaleString('en-US')} rows`
                : ''
            }). What is imported so far is shown.`}
      </Typography>
      <LinearProgress
        variant={percent === null ? 'indeterminate' : 'determinate'}
        value={percent ?? undefined}
        aria-label="Import progress"
      />
    </Box>
  );
}
