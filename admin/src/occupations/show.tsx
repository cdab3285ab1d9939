import { Box, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { LinkBase, useRecordContext } from 'react-admin';
import { type CitationLike, CitationText } from '../common/citation-text.tsx';
import { EntityLink, useEntityPath } from '../common/entity-link.tsx';
import { formatValue, metricLabel } from '../common/format.ts';
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

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Box>
      <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

const None = ({ text }: { text: string }) => (
  <Typography variant="body2" color="text.secondary">
    {text}
  </Typography>
);

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
    <Section title={`Skills and knowledge (${skills.length})`}>
      {shown.length ? (
        <>
          <Table size="small" aria-label="Skills" sx={{ maxWidth: 860 }}>
            <TableHead>
              <TableRow>
                <TableCell>Skill</TableCell>
                <TableCell>Kind</TableCell>
                <TableCell align="right">Importance (1 to 5)</TableCell>
                <TableCell align="right">Level (0 to 7)</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
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
            </TableBody>
          </Table>
          {ranked.length > shown.length ? (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              The {shown.length} most important of {ranked.length}; the Relations tab lists them all.
            </Typography>
          ) : null}
        </>
      ) : (
        <None text="No skills are rated for this occupation yet." />
      )}
    </Section>
  );
}

/** What a curator checks first about an occupation: its codes, titles, credentials and wages. */
function OccupationProfile() {
  const record = useRecordContext();
  const pathFor = useEntityPath();
  if (!record) return null;
  const titles: Ref[] = record.alternateTitles ?? [];
  const credentials: CredentialRequirement[] = record.credentialRequirements ?? [];
  const wages: Wage[] = record.wages ?? [];
  return (
    <Stack spacing={3}>
      <Section title={`Alternate titles (${titles.length})`}>
        {titles.length ? (
          <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap">
            {titles.map((t) => (
              <Chip
                key={t.id}
                label={t.name}
                component={LinkBase}
                to={pathFor({ id: t.id, kind: 'ALTERNATE_TITLE' })}
                clickable
                size="small"
              />
            ))}
          </Stack>
        ) : (
          <None text="No alternate titles are linked to this occupation yet." />
        )}
      </Section>
      <Section title={`Credentials (${credentials.length})`}>
        {credentials.length ? (
          <Table size="small" aria-label="Credentials">
            <TableHead>
              <TableRow>
                <TableCell>Credential</TableCell>
                <TableCell>Type</TableCell>
                <TableCell>Requirement</TableCell>
                <TableCell>Issued by</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
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
            </TableBody>
          </Table>
        ) : (
          <None text="No credentials are linked to this occupation yet." />
        )}
      </Section>
      <Section title={`Wages (${wages.length})`}>
        {wages.length ? (
          <Table size="small" aria-label="Wages">
            <TableHead>
              <TableRow>
                <TableCell>Figure</TableCell>
                <TableCell align="right">Value</TableCell>
                <TableCell>Period</TableCell>
                <TableCell>Geography</TableCell>
                <TableCell>Source</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
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
            </TableBody>
          </Table>
        ) : (
          <None text="No wage figures yet." />
        )}
      </Section>
      <SkillsSection skills={record.skills ?? []} />
      <Section title={`Employers (${(record.employers ?? []).length})`}>
        {record.employers?.length ? (
          <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap">
            {record.employers.map((e: Ref) => (
              <Chip
                key={e.id}
                label={e.name}
                component={LinkBase}
                to={pathFor({ id: e.id, kind: 'EMPLOYER' })}
                clickable
                size="small"
                variant="outlined"
              />
            ))}
          </Stack>
        ) : (
          <None text="No employers are linked to this occupation yet." />
        )}
      </Section>
      <Section title="What the sources say">
        {record.citations?.length ? (
          <Stack spacing={0.75}>
            {record.citations.map((c: CitationLike & { id: string }) => (
              <CitationText key={c.id} citation={c} />
            ))}
          </Stack>
        ) : (
          <None text="No source cites this occupation yet." />
        )}
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
