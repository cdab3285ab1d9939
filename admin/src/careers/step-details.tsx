import { Box, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { type CareerStep, describeBasis, money, STEP_TYPES } from './queries.ts';

const level = (v: number | null) => (v === null ? '—' : v.toFixed(2));

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
        <Chip
          size="small"
          variant="outlined"
          label={step.derivation ? `Derived: ${step.derivation}` : 'Stated by a source'}
        />
      </Stack>
      {describeBasis(step.attributes?.evidence) ? (
        <Typography variant="body2" color="text.secondary" data-testid="step-basis">
          Derived from: {describeBasis(step.attributes?.evidence)}
        </Typography>
      ) : null}
      <Typography variant="subtitle2" sx={{ mt: 2 }}>
        Skill gap ({step.skillGap.length} skills and knowledge areas rise)
      </Typography>
      {step.skillGap.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          The graph states no skill levels for this step.
        </Typography>
      ) : (
        <Table size="small" aria-label="Skill gap">
          <TableHead>
            <TableRow>
              <TableCell>Skill</TableCell>
              <TableCell align="right">From level</TableCell>
              <TableCell align="right">To level</TableCell>
              <TableCell align="right">Importance</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {step.skillGap.slice(0, 15).map((item) => (
              <TableRow key={item.skill.id}>
                <TableCell>{item.skill.name}</TableCell>
                <TableCell align="right">{level(item.fromLevel)}</TableCell>
                <TableCell align="right">{level(item.toLevel)}</TableCell>
                <TableCell align="right">{level(item.importance)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Typography variant="subtitle2" sx={{ mt: 2 }}>
        Evidence
      </Typography>
      {step.evidence.map((e) => (
        <Typography key={`${e.source.title}|${e.locator}|${e.quote}`} variant="body2" sx={{ mb: 0.5 }}>
          <strong>{e.source.title}</strong>
          {e.locator ? `, ${e.locator}` : ''}
          {e.quote ? `: “${e.quote.length > 240 ? `${e.quote.slice(0, 240)}…` : e.quote}”` : ''}
        </Typography>
      ))}
    </Box>
  );
}
