import DownloadIcon from '@mui/icons-material/Download';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  Chip,
  CircularProgress,
  FormControlLabel,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { Title } from 'react-admin';
import { follow } from './answer.ts';
import { downloadCsv, pathsToCsv } from './csv.ts';
import { LadderGraph, PATH_COLORS } from './ladder-graph.tsx';
import {
  type CareerPath,
  type CareerStep,
  EDUCATION_LEVELS,
  fetchCareerPaths,
  money,
  type PathFilters,
  STEP_TYPES,
} from './queries.ts';
import { StepDetails } from './step-details.tsx';
import { type PickedOccupation, TitlePicker } from './title-picker.tsx';
import { WageChart } from './wage-chart.tsx';

/**
 * Where can someone go from an occupation, what does each step take and what does it pay: pick a start by
 * its title (and a goal if there is one), see the ladder as a graph and the median wage along each path, open a
 * step for its skill gap and evidence, and export the paths as CSV.
 */
export function CareerExplorer() {
  const [start, setStart] = useState<PickedOccupation | null>(null);
  const [goal, setGoal] = useState<PickedOccupation | null>(null);
  const [filters, setFilters] = useState<PathFilters>({
    maxSteps: 3,
    maxEducation: null,
    minWageGain: null,
    avoidCredentials: false,
  });
  const [paths, setPaths] = useState<CareerPath[] | null>(null);
  const [selected, setSelected] = useState<CareerStep | null>(null);
  const detailsRef = useRef<HTMLDivElement>(null);
  // the step's details sit below the list: bring them into view when a step is chosen
  useEffect(() => {
    if (selected) detailsRef.current?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  }, [selected]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setSelected(null);
    if (!start) {
      setPaths(null);
      return;
    }
    const controller = new AbortController();
    follow(() => fetchCareerPaths(start.id, goal?.id ?? null, filters, controller.signal), {
      answer: setPaths,
      error: setError,
      loading: setLoading,
    });
    return () => controller.abort();
  }, [start, goal, filters]);

  const set = <K extends keyof PathFilters>(key: K, value: PathFilters[K]) =>
    setFilters((f) => ({ ...f, [key]: value }));

  return (
    <Box sx={{ mt: 2, pb: 4 }}>
      <Title title="Career explorer" />
      <Typography variant="h5" gutterBottom>
        Career explorer
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 820 }}>
        Paths up the career ladder from an occupation: promotions, lateral moves and specializations, each with the
        skills that rise, the education and credentials it asks for, the change in median wage and its evidence.
      </Typography>
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }} useFlexGap>
        <TitlePicker label="Start: job title" value={start} onChange={setStart} />
        <TitlePicker label="Goal (optional)" value={goal} onChange={setGoal} />
      </Stack>
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', alignItems: 'center', mb: 2 }} useFlexGap>
        <TextField
          select
          size="small"
          label="Steps at most"
          value={filters.maxSteps}
          onChange={(e) => set('maxSteps', Number(e.target.value))}
          sx={{ width: 140 }}
        >
          {[1, 2, 3, 4, 5, 6].map((n) => (
            <MenuItem key={n} value={n}>
              {n}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label="Education at most"
          value={filters.maxEducation ?? ''}
          onChange={(e) => set('maxEducation', EDUCATION_LEVELS.find(([key]) => key === e.target.value)?.[0] ?? null)}
          sx={{ width: 220 }}
        >
          <MenuItem value="">Any</MenuItem>
          {EDUCATION_LEVELS.map(([key, name]) => (
            <MenuItem key={key} value={key}>
              {name}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          type="number"
          label="Wage gain at least (USD)"
          value={filters.minWageGain ?? ''}
          onChange={(e) => set('minWageGain', e.target.value === '' ? null : Number(e.target.value))}
          sx={{ width: 250 }}
        />
        <FormControlLabel
          control={
            <Checkbox checked={filters.avoidCredentials} onChange={(e) => set('avoidCredentials', e.target.checked)} />
          }
          label="Avoid steps that need a credential"
        />
        <Box sx={{ flex: 1 }} />
        <Button
          variant="outlined"
          startIcon={<DownloadIcon />}
          disabled={!paths?.length}
          onClick={() =>
            downloadCsv(
              `career-paths-${(start?.name ?? 'start').toLowerCase().replace(/[^a-z0-9]+/g, '-')}.csv`,
              pathsToCsv(paths ?? []),
            )
          }
        >
          Export CSV
        </Button>
      </Stack>
      {error ? <Alert severity="error">{error}</Alert> : null}
      {loading ? <CircularProgress size={24} /> : null}
      {!start ? (
        <Typography color="text.secondary">Type a job title to pick where to start.</Typography>
      ) : paths && paths.length === 0 && !loading ? (
        <Alert severity="info">No path within {filters.maxSteps} steps matches.</Alert>
      ) : null}
      {paths && paths.length > 0 ? (
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '3fr 2fr' }, gap: 2 }}>
          <Box>
            <LadderGraph paths={paths} selected={selected?.relationId ?? null} onSelect={setSelected} />
            <Typography variant="subtitle1" sx={{ mt: 2 }}>
              Median annual wage along each path
            </Typography>
            <WageChart paths={paths} />
          </Box>
          <Box>
            <Card variant="outlined" sx={{ mb: 2 }}>
              <CardContent>
                <Typography variant="subtitle1" gutterBottom>
                  Paths, best first
                </Typography>
                <Box component="ol" sx={{ pl: 2, m: 0 }} aria-label="Career paths">
                  {paths.map((path, i) => (
                    <Box
                      component="li"
                      key={path.steps.map((s) => s.relationId).join()}
                      sx={{ mb: 1, '&::marker': { color: PATH_COLORS[i % PATH_COLORS.length], fontWeight: 700 } }}
                    >
                      <Typography variant="body2" component="span" sx={{ mr: 1 }}>
                        {path.steps.at(-1)!.to.name} · {money(path.wageChange, true)} · score {path.score}
                      </Typography>
                      <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap', mt: 0.5 }} useFlexGap>
                        {path.steps.map((step, s) => (
                          <Chip
                            key={step.relationId}
                            size="small"
                            clickable
                            color={selected?.relationId === step.relationId ? 'primary' : 'default'}
                            label={`${s + 1}. ${STEP_TYPES[step.type]}: ${step.to.name}`}
                            onClick={() => setSelected(step)}
                            // the visible text first, so that what is read and what is seen agree
                            aria-label={`${s + 1}. ${STEP_TYPES[step.type]}: ${step.to.name} (path ${i + 1} step ${s + 1}: ${step.from.name} to ${step.to.name})`}
                          />
                        ))}
                      </Stack>
                    </Box>
                  ))}
                </Box>
              </CardContent>
            </Card>
            <Card variant="outlined">
              <CardContent>
                {selected ? (
                  <div ref={detailsRef}>
                    <StepDetails step={selected} />
                  </div>
                ) : (
                  <Typography color="text.secondary">
                    Click a step in the graph or the list for its skill gap.
                  </Typography>
                )}
              </CardContent>
            </Card>
          </Box>
        </Box>
      ) : null}
    </Box>
  );
}
