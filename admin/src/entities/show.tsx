import { Box, Chip, Divider, MenuItem, TextField as MuiTextField, Stack, Tooltip, Typography } from '@mui/material';
import { type ReactNode, useState } from 'react';
import {
  CreateButton,
  DataTable,
  DateField,
  EditButton,
  FunctionField,
  Labeled,
  Pagination,
  ReferenceManyCount,
  ReferenceManyField,
  Show,
  TabbedShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
} from 'react-admin';
import { AttributesText } from '../common/attributes.tsx';
import { type CitationLike, CitationText } from '../common/citation-text.tsx';
import { EntityLink } from '../common/entity-link.tsx';
import { formatValue, metricLabel } from '../common/format.ts';
import { DeleteFactButton } from '../common/forms.tsx';
import { predicateLabel, usePredicates } from '../common/predicates.ts';
import { CanWrite } from '../common/roles.tsx';
import { SourceLink } from '../common/source-link.tsx';
import { StatusChip } from '../common/status.tsx';
import { PendingDrafts } from '../drafts/pending.tsx';
import { HistoryTab } from '../history/tab.tsx';
import { DetailFields } from './details.tsx';
import { humanize, kindLabel, LABEL_TYPE_CHOICES } from './kinds.ts';
import { useKindConfig } from './use-kind.ts';

export function EntityTitle({ action }: { action?: string }) {
  const record = useRecordContext();
  const config = useKindConfig();
  const kind = action ? `${action} ${config.singular.toLowerCase()}` : config.singular;
  return <span>{record ? `${kind}: ${record.name}` : kind}</span>;
}

const ShowActions = () => (
  <TopToolbar>
    <CanWrite>
      <EditButton />
    </CanWrite>
    <DeleteFactButton
      confirmTitle="Delete this entity?"
      confirmContent="Its names, observations and citations are deleted with it. The API refuses while relations use it: remove those first."
    />
  </TopToolbar>
);

/** Name, status, version and the kind's details, then whatever the kind adds (an occupation's profile). */
function Summary({ children }: { label?: false; children?: ReactNode }) {
  const record = useRecordContext();
  const config = useKindConfig();
  if (!record) return null;
  const otherNames = (record.labels ?? []).filter(
    (l: { type: string }) => l.type === 'ALTERNATE' || l.type === 'REPORTED',
  );
  return (
    <Stack spacing={3} sx={{ width: '100%' }}>
      <PendingDrafts />
      <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 6, rowGap: 2, alignItems: 'flex-start' }}>
        <Labeled label="Name">
          <TextField source="name" variant="h6" />
        </Labeled>
        <Labeled label="Kind">
          <Typography variant="body2">{kindLabel(record.kind)}</Typography>
        </Labeled>
        <Labeled label="Status">
          <FunctionField render={(r) => <StatusChip status={r.status} />} />
        </Labeled>
        <Labeled label="Version">
          <TextField source="version" />
        </Labeled>
        <Labeled label="Last changed">
          <DateField source="updatedAt" showTime />
        </Labeled>
      </Box>
      {config.details.length > 0 && <DetailFields config={config} />}
      {otherNames.length > 0 && (
        <Labeled label="Also known as" fullWidth>
          <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap">
            {otherNames.map((l: { id: string; text: string; type: string }) => (
              <Chip
                key={l.id}
                size="small"
                label={l.text}
                variant={l.type === 'REPORTED' ? 'outlined' : 'filled'}
                title={l.type === 'REPORTED' ? 'Reported title' : 'Alternate name'}
              />
            ))}
          </Stack>
        </Labeled>
      )}
      {children ? (
        <>
          <Divider />
          {children}
        </>
      ) : null}
    </Stack>
  );
}

function AddButton({ resource, label, state }: { resource: string; label: string; state: Record<string, unknown> }) {
  return (
    <CanWrite>
      <CreateButton
        resource={resource}
        label={label}
        state={{ record: state }}
        variant="outlined"
        sx={{ whiteSpace: 'nowrap', flexShrink: 0, px: 2 }}
      />
    </CanWrite>
  );
}

/** The edit button of a row, for accounts that may change facts. */
function RowEditButton() {
  return (
    <CanWrite>
      <EditButton />
    </CanWrite>
  );
}

/** Names: preferred, alternate, reported and hidden labels, each editable on its own. */
function NamesTab(_: { label?: false }) {
  const record = useRecordContext();
  if (!record) return null;
  return (
    <Stack spacing={1} sx={{ width: '100%' }}>
      <Box>
        <AddButton
          resource="labels"
          label="Add a name"
          state={{ entityId: record.id, type: 'ALTERNATE', language: 'en' }}
        />
      </Box>
      <ReferenceManyField reference="labels" target="entityId" perPage={50} pagination={<Pagination />}>
        <DataTable bulkActionButtons={false} rowClick={false} empty={<Empty text="No names yet." />}>
          <DataTable.Col source="text" label="Name" />
          <DataTable.Col source="type" label="Type">
            <FunctionField render={(l) => LABEL_TYPE_CHOICES.find((c) => c.id === l.type)?.name ?? l.type} />
          </DataTable.Col>
          <DataTable.Col source="language" label="Language" />
          <DataTable.Col source="version" label="Version" />
          <DataTable.Col label="Actions" align="right">
            <RowEditButton />
            <DeleteFactButton
              redirect={false}
              confirmTitle="Delete this name?"
              confirmContent="The entity will no longer be found by it."
            />
          </DataTable.Col>
        </DataTable>
      </ReferenceManyField>
    </Stack>
  );
}

/** The citations of the row's fact, each in its source's words. */
function CitationList() {
  const record = useRecordContext();
  const citations: CitationLike[] = record?.citations ?? [];
  if (citations.length === 0) {
    return (
      <Typography variant="body2" color="warning.main">
        Not cited
      </Typography>
    );
  }
  return (
    <Stack spacing={0.5}>
      {citations.map((c, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: citations are listed in the order the API gives
        <CitationText key={i} citation={c} />
      ))}
    </Stack>
  );
}

/** Relations in both directions, read from this entity: "has title → Medical Records Tech". */
export function RelationsTab(_: { label?: false }) {
  const record = useRecordContext();
  const catalogue = usePredicates();
  const [predicate, setPredicate] = useState('');
  const [direction, setDirection] = useState('BOTH');
  if (!record) return null;
  const kind = String(record.kind).toLowerCase();
  const applicable = catalogue.filter((p) =>
    p.rules.some((rule) => rule.split('->').some((end) => end.trim() === kind)),
  );
  return (
    <Stack spacing={1} sx={{ width: '100%' }}>
      <Stack direction="row" spacing={2} alignItems="center">
        <AddButton resource="relations" label="Add a relation" state={{ fromId: record.id }} />
        <MuiTextField
          select
          size="small"
          label="Relation"
          value={predicate}
          onChange={(e) => setPredicate(e.target.value)}
          sx={{ minWidth: 220 }}
        >
          <MenuItem value="">Any relation</MenuItem>
          {applicable.map((p) => (
            <MenuItem key={p.name} value={p.name}>
              {humanize(p.name).toLowerCase()}
            </MenuItem>
          ))}
        </MuiTextField>
        <MuiTextField
          select
          size="small"
          label="Direction"
          value={direction}
          onChange={(e) => setDirection(e.target.value)}
          sx={{ minWidth: 200 }}
        >
          <MenuItem value="BOTH">Both directions</MenuItem>
          <MenuItem value="OUT">From this entity →</MenuItem>
          <MenuItem value="IN">← To this entity</MenuItem>
        </MuiTextField>
      </Stack>
      <ReferenceManyField
        reference="relations"
        target="entityId"
        perPage={25}
        pagination={<Pagination />}
        filter={{ predicate: predicate || undefined, direction }}
      >
        <DataTable bulkActionButtons={false} rowClick="show" empty={<Empty text="No relations yet." />}>
          <DataTable.Col label="Direction">
            <FunctionField
              render={(r) => (
                <Tooltip title={r.direction === 'IN' ? 'From the other entity to this one' : 'From this entity'}>
                  <span>{r.direction === 'IN' ? '←' : '→'}</span>
                </Tooltip>
              )}
            />
          </DataTable.Col>
          <DataTable.Col source="predicate" label="Relation" cellSx={() => ({ whiteSpace: 'nowrap' })}>
            <FunctionField render={(r) => predicateLabel(r.predicate, r.direction, catalogue)} />
          </DataTable.Col>
          <DataTable.Col source="other.name" label="Other entity">
            <FunctionField render={(r) => <EntityLink entity={r.other} showKind />} />
          </DataTable.Col>
          <DataTable.Col label="Attributes">
            <FunctionField render={(r) => <AttributesText attributes={r.attributes} />} />
          </DataTable.Col>
          <DataTable.Col label="Citations" field={CitationList} cellSx={() => ({ minWidth: 260, maxWidth: 520 })} />
          <DataTable.Col label="Status">
            <FunctionField render={(r) => <StatusChip status={r.status} />} />
          </DataTable.Col>
          <DataTable.Col label="Actions" align="right">
            <RowEditButton />
          </DataTable.Col>
        </DataTable>
      </ReferenceManyField>
    </Stack>
  );
}

/** Figures about this entity: metric, value with unit, period, and the citations behind each. */
export function ObservationsTab(_: { label?: false }) {
  const record = useRecordContext();
  if (!record) return null;
  return (
    <Stack spacing={1} sx={{ width: '100%' }}>
      <Box>
        <AddButton resource="observations" label="Add an observation" state={{ entityId: record.id }} />
      </Box>
      <ReferenceManyField reference="observations" target="entityId" perPage={25} pagination={<Pagination />}>
        <DataTable bulkActionButtons={false} rowClick="show" empty={<Empty text="No observations yet." />}>
          <DataTable.Col source="metric" label="Metric">
            <FunctionField render={(o) => metricLabel(o.metric)} />
          </DataTable.Col>
          <DataTable.Col source="value" label="Value">
            <FunctionField render={(o) => formatValue(o.value, o.unit)} />
          </DataTable.Col>
          <DataTable.Col source="period" label="Period" />
          <DataTable.Col source="geography" label="Geography" />
          <DataTable.Col label="Citations" cellSx={() => ({ maxWidth: 560, wordBreak: 'break-word' })}>
            <FunctionField
              render={(o) =>
                o.citations?.length ? (
                  <Stack spacing={0.5}>
                    {o.citations.map((c: CitationLike & { id: string }) => (
                      <CitationText key={c.id} citation={c} />
                    ))}
                  </Stack>
                ) : (
                  <Typography variant="body2" color="warning.main">
                    Not cited
                  </Typography>
                )
              }
            />
          </DataTable.Col>
          <DataTable.Col label="Actions" align="right">
            <RowEditButton />
          </DataTable.Col>
        </DataTable>
      </ReferenceManyField>
    </Stack>
  );
}

/** The sources that state this fact, each with its own words. */
export function CitationsTab({
  factLabel = 'this entity',
  title,
}: {
  label?: false;
  factLabel?: string;
  title?: string;
}) {
  const record = useRecordContext();
  if (!record) return null;
  return (
    <Stack spacing={1} sx={{ width: '100%' }}>
      {title ? <Typography variant="subtitle1">{title}</Typography> : null}
      <Box>
        <AddButton resource="citations" label="Add a citation" state={{ factId: record.id }} />
      </Box>
      <ReferenceManyField reference="citations" target="factId" perPage={25} pagination={<Pagination />}>
        <DataTable bulkActionButtons={false} rowClick="show" empty={<Empty text={`No citations for ${factLabel}.`} />}>
          <DataTable.Col source="source.title" label="Source">
            <FunctionField render={(c) => <SourceLink source={c.source} />} />
          </DataTable.Col>
          <DataTable.Col
            source="quote"
            label="What it says"
            cellSx={() => ({ maxWidth: 720, wordBreak: 'break-word' })}
          >
            <FunctionField render={(c) => <CitationText citation={{ ...c, source: undefined }} />} />
          </DataTable.Col>
          <DataTable.Col source="reviewStatus" label="Review">
            <FunctionField render={(c) => humanize(c.reviewStatus)} />
          </DataTable.Col>
          <DataTable.Col label="Actions" align="right">
            <RowEditButton />
          </DataTable.Col>
        </DataTable>
      </ReferenceManyField>
    </Stack>
  );
}

function Empty({ text }: { text: string }) {
  return (
    <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>
      {text}
    </Typography>
  );
}

/** The generic show page of an entity; `profile` adds kind-specific content to the summary tab. */
export function EntityShow({ profile }: { profile?: ReactNode }) {
  return (
    <Show title={<EntityTitle />} actions={<ShowActions />}>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="Summary">
          <Summary label={false}>{profile}</Summary>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab
          label="Names"
          path="names"
          count={<FunctionField render={(r) => r.labels?.length ?? 0} />}
        >
          <NamesTab label={false} />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab
          label="Relations"
          path="relations"
          count={<ReferenceManyCount reference="relations" target="entityId" />}
        >
          <RelationsTab label={false} />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab
          label="Observations"
          path="observations"
          count={<ReferenceManyCount reference="observations" target="entityId" />}
        >
          <ObservationsTab label={false} />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab
          label="Citations"
          path="citations"
          count={<ReferenceManyCount reference="citations" target="factId" />}
        >
          <CitationsTab label={false} />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="History" path="history">
          <HistoryTab label={false} />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
}
