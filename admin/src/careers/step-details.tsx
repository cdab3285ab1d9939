import { Box, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { RawDetails } from '../common/citation-text.tsx';
import { readDatasetRow } from '../common/dataset-rows.ts';
import { type CareerStep, derivationLabel, describeBasis, money, STEP_TYPES } from './queries.ts';

const level = (v: number | null) => (v === null ? '—' : v.toFixed(2));

/**
 * The skills that rise on the step. When the start has no skill ratings (none imported for it), every skill would
 * look new: say the data is missing and list what the target asks instead.
 */
function SkillGap({ step }: { step: CareerStep }) {
  const rated = step.skillGap.some((item) => item.fromLevel !== null);
  const items = step.skillGap.slice(0, 15);
  if (step.skillGap.length === 0) {
    return (
      <>
        <Typography variant="subtitle2" sx={{ mt: 2 }}>
          Skill gap
        </Typography>
        <Typography variant="body2" color="text.secondary">
          The graph states no skill levels for this step.
        </Typography>
      </>
    );
  }
  return (
    <>
      <Typography variant="subtitle2" sx={{ mt: 2 }}>
        {rated
          ? `Skill gap (${step.skillGap.length} skills and knowledge areas rise)`
          : `Skills ${step.to.name} asks for`}
      </Typography>
      {rated ? null : (
        <Typography variant="body2" color="warning.main" sx={{ mb: 1 }} data-testid="skill-gap-missing">
          The skill levels of {step.from.name} are not in the graph, so what must be learned cannot be worked out. These
          are the levels the target occupation asks for.
        </Typography>
      )}
      <Table size="small" aria-label={rated ? 'Skill gap' : 'Skills the target asks for'}>
        <TableHead>
          <TableRow>
            <TableCell>Skill</TableCell>
            {rated ? <TableCell align="right">From level</TableCell> : null}
            <TableCell align="right">{rated ? 'To level' : 'Level asked'}</TableCell>
            <TableCell align="right">Importance</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((item) => (
            <TableRow key={item.skill.id}>
              <TableCell>{item.skill.name}</TableCell>
              {rated ? <TableCell align="right">{level(item.fromLevel)}</TableCell> : null}
              <TableCell align="right">{level(item.toLevel)}</TableCell>
              <TableCell align="right">{level(item.importance)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

/** What one step takes: its type, pay, education and credentials, the skills that rise, and the evidence. */
export function StepDetails({ step }: { step: CareerStep }) {
  return (
    <Box data-testid="step-details">
      <Typography variant="h6">
        {step.from.name} → {step.to.name}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ my: 1, flexWrap: 'wrap' }}>
        <Chip size="small" label={STEP_TYPES[step.type]} />
        <Chip
          size="small"
          label={`Median wage ${money(step.wageChange, true)}${step.wagePeriod ? ` (${step.wagePeriod})` : ''}`}
        />
        {step.educationNeeded ? <Chip size="small" color="warning" label={`Needs ${step.educationNeeded}`} /> : null}
        {step.credentialsNeeded.map((c) => (
          <Chip key={c.id} size="small" variant="outlined" color="warning" label={c.name} />
        ))}
        <Chip size="small" variant="outlined" label={derivationLabel(step.derivation)} />
      </Stack>
      {describeBasis(step.attributes?.evidence) ? (
        <Typography variant="body2" color="text.secondary" data-testid="step-basis">
          Derived from: {describeBasis(step.attributes?.evidence)}
        </Typography>
      ) : null}
      <SkillGap step={step} />
      <Typography variant="subtitle2" sx={{ mt: 2 }}>
        Evidence
      </Typography>
      {step.evidence.map((e) => {
        const row = readDatasetRow(e.quote, e.locator);
        return (
          <Typography
            key={`${e.source.title}|${e.locator}|${e.quote}`}
            variant="body2"
            component="div"
            sx={{ mb: 0.5 }}
          >
            <strong>{e.source.title}</strong>
            {e.locator ? `, ${e.locator}` : ''}
            {row?.columns.length
              ? `: ${row.columns.map((c) => `${c.name} ${c.value}`).join('; ')}`
              : e.quote
                ? `: “${e.quote.length > 240 ? `${e.quote.slice(0, 240)}…` : e.quote}”`
                : ''}
            {row ? (
              <>
                {' '}
                <RawDetails label="raw row">{row.raw}</RawDetails>
              </>
            ) : null}
          </Typography>
        );
      })}
    </Box>
  );
}
