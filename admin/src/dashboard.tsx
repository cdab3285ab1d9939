import { Box, Card, CardActionArea, CardContent, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Title, useCreatePath, useDataProvider, useGetList, useNavigate } from 'react-admin';
import { useAbilities } from './common/roles.tsx';
import type { ConsoleDataProvider } from './data-provider.ts';
import { KINDS } from './entities/kinds.ts';

/** For curators and reviewers: how many drafts wait for review, a way into the queue. */
function ReviewQueueCard() {
  const { canWrite, canReview } = useAbilities();
  const navigate = useNavigate();
  const { total } = useGetList(
    'drafts',
    { filter: { status: 'PENDING' }, pagination: { page: 1, perPage: 1 } },
    { enabled: canWrite },
  );
  if (!canWrite) return null;
  return (
    <Card variant="outlined" sx={{ mb: 3, maxWidth: 420 }}>
      <CardActionArea onClick={() => navigate('/drafts')}>
        <CardContent>
          <Typography variant="h4">{total ?? '…'}</Typography>
          <Typography variant="body2" color="text.secondary">
            {canReview
              ? 'Drafts waiting for your review'
              : 'Drafts waiting for review (curators propose, reviewers publish)'}
          </Typography>
        </CardContent>
      </CardActionArea>
    </Card>
  );
}

/** How many entities of each kind the graph holds, each a way into its list. */
export function Dashboard() {
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const createPath = useCreatePath();
  const navigate = useNavigate();
  const [counts, setCounts] = useState<Record<string, number> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    dataProvider
      .entityCounts()
      .then(setCounts)
      .catch((e: Error) => setError(e.message));
  }, [dataProvider]);
  return (
    <Box sx={{ mt: 2 }}>
      <Title title="Occupational knowledge graph" />
      <Typography variant="h5" gutterBottom>
        Occupational knowledge graph
      </Typography>
      <Typography variant="body1" color="text.secondary" sx={{ mb: 3, maxWidth: 760 }}>
        Occupations, titles, skills, courses, credentials, issuing bodies and employers, every fact cited. Open an
        entity to review its names, relations, figures and the sources behind them.
      </Typography>
      <ReviewQueueCard />
      {error ? <Typography color="error">{error}</Typography> : null}
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: 2 }}>
        {KINDS.map((k) => (
          <Card key={k.kind} variant="outlined">
            <CardActionArea onClick={() => navigate(createPath({ resource: k.resource, type: 'list' }))}>
              <CardContent>
                <Typography variant="h4">{counts ? (counts[k.kind] ?? 0) : '…'}</Typography>
                <Typography variant="body2" color="text.secondary">
                  {k.plural}
                </Typography>
              </CardContent>
            </CardActionArea>
          </Card>
        ))}
      </Box>
    </Box>
  );
}
