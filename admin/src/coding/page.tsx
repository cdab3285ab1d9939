import DownloadIcon from '@mui/icons-material/Download';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  CircularProgress,
  MenuItem,
  Stack,
  TableCell,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { Title } from 'react-admin';
import { downloadCsv } from '../careers/csv.ts';
import { type PickedOccupation, TitlePicker } from '../careers/title-picker.tsx';
import { PlainTable } from '../common/plain-table.tsx';
import { useAbilities } from '../common/roles.tsx';
import { SmallSelect } from '../common/small-select.tsx';
import { type CodedRow, codedCsv, readTitles } from './csv.ts';
import { codeRows, fetchSources, reportTitle, type TitleResolution, type TitleRow } from './queries.ts';

interface Chosen {
  id: string;
  name: string;
  code: string | null;
  matchedTitle: string | null;
  confidence: number | null;
}

interface Row {
  /** Place in the coded file (the ids a file gives need not be unique). */
  position: number;
  input: TitleRow;
  resolution: TitleResolution;
  chosen: Chosen | null;
  decision: CodedRow['decision'];
  correcting: boolean;
  saved: 'draft' | 'published' | null;
}

const OTHER = '__other__';
const percent = (x: number | null) => (x == null ? '' : `${Math.round(x * 100)}%`);

function fromMatch(m: TitleResolution['matches'][number]): Chosen {
  return {
    id: m.occupation.id,
    name: m.occupation.name,
    code: m.occupation.onetSocCode ?? null,
    matchedTitle: m.matchedTitle,
    confidence: m.confidence,
  };
}

/**
 * Title coding: paste or upload job titles (a CSV with a `title` column, optional `id` and `industry`), see each
 * one's likely occupations with their confidence and whether a coder should look, accept or correct each, and
 * export the coded file. A correction is saved as a reported title of the chosen occupation, cited to a source
 * and reviewed like any other write; once published, the next coding finds it.
 */
export function CodingPage() {
  const { canWrite } = useAbilities();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [sources, setSources] = useState<Array<{ id: string; title: string }>>([]);
  const [sourceId, setSourceId] = useState('');

  useEffect(() => {
    if (!canWrite) return;
    fetchSources()
      .then(setSources)
      .catch((e: Error) => setError(e.message));
  }, [canWrite]);

  async function code() {
    const inputs = readTitles(text);
    if (inputs.length === 0) {
      setError('No titles: paste a CSV with a "title" column, or one title per line.');
      return;
    }
    setLoading(true);
    setError(null);
    setNotice(null);
    try {
      const coded = await codeRows(inputs);
      setRows(
        coded.map((resolution, i) => ({
          position: i,
          input: inputs[i],
          resolution,
          chosen: resolution.matches[0] ? fromMatch(resolution.matches[0]) : null,
          decision: resolution.needsReview ? 'open' : 'auto',
          correcting: false,
          saved: null,
        })),
      );
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  }

  async function upload(file: File) {
    setFileName(file.name);
    setText(await file.text());
  }

  const update = (index: number, change: Partial<Row>) =>
    setRows((all) => all.map((r, i) => (i === index ? { ...r, ...change } : r)));

  function choose(index: number, value: string) {
    const row = rows[index];
    if (value === OTHER) return update(index, { correcting: true });
    const match = row.resolution.matches.find((m) => m.occupation.id === value);
    if (!match) return;
    const best = row.resolution.matches[0]?.occupation.id;
    update(index, { chosen: fromMatch(match), correcting: false, decision: value === best ? 'accepted' : 'corrected' });
  }

  function correct(index: number, occupation: PickedOccupation | null) {
    if (!occupation) return;
    update(index, {
      chosen: {
        id: occupation.id,
        name: occupation.name,
        code: occupation.onetSocCode ?? null,
        matchedTitle: null,
        confidence: null,
      },
      decision: 'corrected',
      correcting: false,
    });
  }

  const corrections = rows.filter((r) => r.decision === 'corrected' && r.chosen && !r.saved);

  async function saveCorrections() {
    if (!sourceId) {
      setError('Choose the source the corrections cite.');
      return;
    }
    setError(null);
    let drafts = 0;
    let published = 0;
    for (const row of corrections) {
      try {
        const result = await reportTitle({
          occupationId: row.chosen!.id,
          title: row.input.title,
          sourceId,
          locator: `${fileName ?? 'pasted titles'}, row ${row.input.id}`,
        });
        const saved = result.published ? 'published' : 'draft';
        if (saved === 'draft') drafts++;
        else published++;
        setRows((all) => all.map((r) => (r === row ? { ...r, saved } : r)));
      } catch (e) {
        setError(`"${row.input.title}": ${(e as Error).message}`);
        return;
      }
    }
    setNotice(
      [
        drafts ? `${drafts} correction${drafts === 1 ? '' : 's'} sent for review` : '',
        published ? `${published} published` : '',
      ]
        .filter(Boolean)
        .join(', '),
    );
  }

  function exportCsv() {
    const coded: CodedRow[] = rows.map((r) => ({
      id: r.input.id,
      title: r.input.title,
      industry: r.input.industry,
      code: r.chosen?.code ?? null,
      occupation: r.chosen?.name ?? null,
      confidence: r.decision === 'corrected' ? null : (r.chosen?.confidence ?? null),
      needsReview: r.decision === 'open',
      decision: r.decision,
      matchedTitle: r.chosen?.matchedTitle ?? null,
    }));
    const base = (fileName ?? 'titles').replace(/\.[^.]*$/, '');
    downloadCsv(`${base}-coded.csv`, codedCsv(coded));
  }

  const toReview = rows.filter((r) => r.decision === 'open').length;
  const auto = rows.filter((r) => r.decision === 'auto').length;

  return (
    <Box sx={{ p: 2 }}>
      <Title title="Title coding" />
      <Card sx={{ mb: 2 }}>
        <CardContent>
          <Typography variant="h6" component="h1" gutterBottom>
            Code job titles
          </Typography>
          <Typography variant="body2" color="text.secondary" gutterBottom>
            Paste a CSV with a <code>title</code> column (and optionally <code>id</code> and <code>industry</code>, a
            NAICS code or industry name), or one title per line.
          </Typography>
          <TextField
            label="Titles"
            multiline
            minRows={4}
            maxRows={12}
            fullWidth
            value={text}
            onChange={(e) => setText(e.target.value)}
            sx={{ my: 1 }}
          />
          <Stack direction="row" spacing={1} alignItems="center">
            <Button variant="outlined" component="label" startIcon={<UploadFileIcon />}>
              Upload CSV
              <input
                hidden
                type="file"
                accept=".csv,.txt,text/csv,text/plain"
                aria-label="CSV file of titles"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file) void upload(file);
                }}
              />
            </Button>
            {fileName ? <Typography variant="body2">{fileName}</Typography> : null}
            <Button variant="contained" onClick={() => void code()} disabled={loading}>
              Code titles
            </Button>
            {loading ? <CircularProgress size={24} aria-label="Coding" /> : null}
          </Stack>
        </CardContent>
      </Card>
      {error ? (
        <Alert severity="error" sx={{ mb: 2 }}>
          {error}
        </Alert>
      ) : null}
      {notice ? (
        <Alert severity="success" sx={{ mb: 2 }}>
          {notice}
        </Alert>
      ) : null}
      {rows.length ? (
        <Card>
          <CardContent>
            <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 1, flexWrap: 'wrap' }}>
              <Typography variant="body1" sx={{ flex: 1 }}>
                {rows.length} title{rows.length === 1 ? '' : 's'}: {auto} coded without review, {toReview} to review
              </Typography>
              {canWrite ? (
                <>
                  <SmallSelect
                    label="Source the corrections cite"
                    value={sourceId}
                    onChange={setSourceId}
                    minWidth={280}
                  >
                    {sources.map((s) => (
                      <MenuItem key={s.id} value={s.id}>
                        {s.title}
                      </MenuItem>
                    ))}
                  </SmallSelect>
                  <Button variant="outlined" disabled={corrections.length === 0} onClick={() => void saveCorrections()}>
                    Save corrections ({corrections.length})
                  </Button>
                </>
              ) : null}
              <Button variant="contained" startIcon={<DownloadIcon />} onClick={exportCsv}>
                Export coded CSV
              </Button>
            </Stack>
            <PlainTable
              label="Coded titles"
              headings={['Row', 'Title', 'Occupation', 'Confidence', 'Status', 'Action']}
            >
              {rows.map((row, index) => (
                <CodingRow
                  key={row.position}
                  row={row}
                  canWrite={canWrite}
                  onChoose={(value) => choose(index, value)}
                  onCorrect={(occupation) => correct(index, occupation)}
                  onAccept={() => update(index, { decision: 'accepted' })}
                />
              ))}
            </PlainTable>
          </CardContent>
        </Card>
      ) : null}
    </Box>
  );
}

function CodingRow(props: {
  row: Row;
  canWrite: boolean;
  onChoose: (value: string) => void;
  onCorrect: (occupation: PickedOccupation | null) => void;
  onAccept: () => void;
}) {
  const { row } = props;
  const matches = row.resolution.matches;
  const listed = row.chosen && matches.some((m) => m.occupation.id === row.chosen!.id);
  const status =
    row.decision === 'corrected'
      ? row.saved === 'draft'
        ? 'Correction in review'
        : row.saved === 'published'
          ? 'Correction published'
          : 'Corrected'
      : row.decision === 'accepted'
        ? 'Accepted'
        : row.decision === 'auto'
          ? 'Coded'
          : 'Needs review';
  return (
    <TableRow>
      <TableCell>{row.input.id}</TableCell>
      <TableCell>
        {row.input.title}
        {row.resolution.industry ? (
          <Typography variant="caption" display="block" color="text.secondary">
            in {row.resolution.industry.name}
          </Typography>
        ) : null}
      </TableCell>
      <TableCell sx={{ minWidth: 360 }}>
        {row.correcting ? (
          <TitlePicker label={`Occupation for "${row.input.title}"`} value={null} onChange={props.onCorrect} />
        ) : (
          <TextField
            select
            size="small"
            fullWidth
            label={`Occupation for "${row.input.title}"`}
            value={row.chosen?.id ?? ''}
            onChange={(e) => props.onChoose(e.target.value)}
          >
            {matches.map((m) => (
              <MenuItem key={m.occupation.id} value={m.occupation.id}>
                {m.occupation.name} ({m.occupation.onetSocCode}) via "{m.matchedTitle}"
              </MenuItem>
            ))}
            {row.chosen && !listed ? (
              <MenuItem value={row.chosen.id}>
                {row.chosen.name} ({row.chosen.code})
              </MenuItem>
            ) : null}
            {props.canWrite ? <MenuItem value={OTHER}>Another occupation…</MenuItem> : null}
          </TextField>
        )}
      </TableCell>
      <TableCell>{row.decision === 'corrected' ? '' : percent(row.chosen?.confidence ?? null)}</TableCell>
      <TableCell>
        <Chip
          size="small"
          label={status}
          color={row.decision === 'open' ? 'warning' : row.decision === 'corrected' ? 'primary' : 'success'}
        />
      </TableCell>
      <TableCell>
        {row.decision === 'open' ? (
          <Button size="small" onClick={props.onAccept} aria-label={`Accept the match for "${row.input.title}"`}>
            Accept
          </Button>
        ) : null}
      </TableCell>
    </TableRow>
  );
}
