import { Box, Chip, Stack, TableCell, TableRow, Typography } from '@mui/material';
import { LinkBase, useRecordContext } from 'react-admin';
import { type CitationLike, CitationText } from '../common/citation-text.tsx';
import { EntityLink, useEntityPath } from '../common/entity-link.tsx';
import { formatValue, metricLabel } from '../common/format.ts';
import { PlainTable } from '../common/plain-table.tsx';
import { SourceLink } from '../common/source-link.tsx';
import { StatusChip } from '../common/status.tsx';
import { humanize, KIND_BY_ENUM } from '../entities/kinds.ts';
import { EntityShow } from '../entities/show.tsx';

interface Ref {
  id: string;
  name: string;
  status?: string;
  details?: { abbreviation?: string | null; credentialType?: string | null };
}

interface CredentialRequirement {
  required?: string | null;
  credential: Ref & { issuers: Ref[] };
}

interface Wage {
  id: string;
  metric: string;
  value: number;
  unit: string;
  period: string;
  geography?: string | null;
  source?: { id: string; title: string } | null;
  citations?: Array<{ id: string; source?: { id: string; title: string } }>;
}

/** A part of the profile under its heading; `none` says what is missing when there is nothing to show. */
function Section({ title, none, children }: { title: string; none?: string | false; children?: React.ReactNode }) {
  return (
    <Box>
      <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
        {title}
      </Typography>
      {none ? (
        <Typography variant="body2" color="text.secondary">
          {none}
        </Typography>
      ) : (
        children
      )}
    </Box>
  );
}

const credentialTypes = KIND_BY_ENUM.CREDENTIAL.details.find((f) => f.name === 'credentialType')?.choices ?? [];

interface RatedSkill {
  importance: number | null;
  level: number | null;
  skill: Ref & { details?: { category?: string | null } };
}

const SHOWN_SKILLS = 15;

/** The skills and knowledge an occupation calls for, most important first, with O*NET's importance and level. */
function SkillsSection({ skills }: { skills: RatedSkill[] }) {
  const ranked = [...skills].sort((a, b) => (b.importance ?? 0) - (a.importance ?? 0));
  const shown = ranked.slice(0, SHOWN_SKILLS);
  return (
    <Section
      title={`Skills and knowledge (${skills.length})`}
      none={!shown.length && 'No skills are rated for this occupation yet.'}
    >
      <PlainTable
        label="Skills"
        headings={['Skill', 'Kind', ['Importance (1 to 5)', 'right'], ['Level (0 to 7)', 'right']]}
        sx={{ maxWidth: 860 }}
      >
        {shown.map(({ skill, importance, level }) => (
          <TableRow key={skill.id}>
            <TableCell>
              <EntityLink entity={{ ...skill, kind: 'SKILL' }} />
            </TableCell>
            <TableCell>{humanize(skill.details?.category) || '—'}</TableCell>
            <TableCell align="right">{importance?.toFixed(2) ?? '—'}</TableCell>
            <TableCell align="right">{level?.toFixed(2) ?? '—'}</TableCell>
          </TableRow>
        ))}
      </PlainTable>
      {ranked.length > shown.length ? (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          The {shown.length} most important of {ranked.length}; the Relations tab lists them all.
        </Typography>
      ) : null}
    </Section>
  );
}

/** Entities of one kind as chips that link to their pages. */
function EntityChips({ entities, kind, variant }: { entities: Ref[]; kind: string; variant?: 'outlined' }) {
  const pathFor = useEntityPath();
  return (
    <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap">
      {entities.map((e) => (
        <Chip
          key={e.id}
          label={e.name}
          component={LinkBase}
          to={pathFor({ id: e.id, kind })}
          clickable
          size="small"
          variant={variant}
        />
      ))}
    </Stack>
  );
}

/** What a curator checks first about an occupation: its codes, titles, credentials and wages. */
function OccupationProfile() {
  const record = useRecordContext();
  if (!record) return null;
  const titles: Ref[] = record.alternateTitles ?? [];
  const credentials: CredentialRequirement[] = record.credentialRequirements ?? [];
  const wages: Wage[] = record.wages ?? [];
  return (
    <Stack spacing={3}>
      <Section
        title={`Alternate titles (${titles.length})`}
        none={!titles.length && 'No alternate titles are linked to this occupation yet.'}
      >
        <EntityChips entities={titles} kind="ALTERNATE_TITLE" />
      </Section>
      <Section
        title={`Credentials (${credentials.length})`}
        none={!credentials.length && 'No credentials are linked to this occupation yet.'}
      >
        <PlainTable label="Credentials" headings={['Credential', 'Type', 'Requirement', 'Issued by']}>
          {credentials.map(({ credential, required }) => (
            <TableRow key={credential.id}>
              <TableCell>
                <EntityLink entity={{ ...credential, kind: 'CREDENTIAL' }} />
                {credential.details?.abbreviation ? ` (${credential.details.abbreviation})` : ''}
              </TableCell>
              <TableCell>
                {credentialTypes.find((c) => c.id === credential.details?.credentialType)?.name ??
                  humanize(credential.details?.credentialType)}
              </TableCell>
              <TableCell>{required ? humanize(required) : '—'}</TableCell>
              <TableCell>
                {credential.issuers.length ? (
                  <Stack spacing={0.5}>
                    {credential.issuers.map((issuer) => (
                      <span key={issuer.id}>
                        <EntityLink entity={{ ...issuer, kind: 'ISSUING_BODY' }} />
                        {issuer.details?.abbreviation ? ` (${issuer.details.abbreviation})` : ''}
                      </span>
                    ))}
                  </Stack>
                ) : (
                  '—'
                )}
              </TableCell>
            </TableRow>
          ))}
        </PlainTable>
      </Section>
      <Section title={`Wages (${wages.length})`} none={!wages.length && 'No wage figures yet.'}>
        <PlainTable label="Wages" headings={['Figure', ['Value', 'right'], 'Period', 'Geography', 'Source']}>
          {wages.map((w) => (
            <TableRow key={w.id}>
              <TableCell>{metricLabel(w.metric)}</TableCell>
              <TableCell align="right">{formatValue(w.value, w.unit)}</TableCell>
              <TableCell>{w.period}</TableCell>
              <TableCell>{w.geography ?? '—'}</TableCell>
              <TableCell>
                <SourceLink source={w.source ?? w.citations?.[0]?.source} />
              </TableCell>
            </TableRow>
          ))}
        </PlainTable>
      </Section>
      <SkillsSection skills={record.skills ?? []} />
      <Section
        title={`Employers (${(record.employers ?? []).length})`}
        none={!record.employers?.length && 'No employers are linked to this occupation yet.'}
      >
        <EntityChips entities={record.employers ?? []} kind="EMPLOYER" variant="outlined" />
      </Section>
      <Section title="What the sources say" none={!record.citations?.length && 'No source cites this occupation yet.'}>
        <Stack spacing={0.75}>
          {(record.citations ?? []).map((c: CitationLike & { id: string }) => (
            <CitationText key={c.id} citation={c} />
          ))}
        </Stack>
      </Section>
      {record.status !== 'PUBLISHED' ? (
        <Box>
          <StatusChip status={record.status} /> This occupation is not published.
        </Box>
      ) : null}
    </Stack>
  );
}

export function OccupationShow() {
  return <EntityShow profile={<OccupationProfile />} />;
}
