import { MenuItem, Tooltip } from '@mui/material';
import { useState } from 'react';
import { DataTable, FunctionField, useRecordContext } from 'react-admin';
import { AttributesText } from '../../common/attributes.tsx';
import { EntityLink } from '../../common/entity-link.tsx';
import { predicateLabel, usePredicates } from '../../common/predicates.ts';
import { SmallSelect } from '../../common/small-select.tsx';
import { StatusChip } from '../../common/status.tsx';
import { humanize } from '../kinds.ts';
import { CitationsColumn, FactTable } from './fact-table.tsx';

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
  const filters = (
    <>
      <SmallSelect label="Relation" value={predicate} onChange={setPredicate} minWidth={220}>
        <MenuItem value="">Any relation</MenuItem>
        {applicable.map((p) => (
          <MenuItem key={p.name} value={p.name}>
            {humanize(p.name).toLowerCase()}
          </MenuItem>
        ))}
      </SmallSelect>
      <SmallSelect label="Direction" value={direction} onChange={setDirection} minWidth={200}>
        <MenuItem value="BOTH">Both directions</MenuItem>
        <MenuItem value="OUT">From this entity →</MenuItem>
        <MenuItem value="IN">← To this entity</MenuItem>
      </SmallSelect>
    </>
  );
  return (
    <FactTable
      reference="relations"
      target="entityId"
      filter={{ predicate: predicate || undefined, direction }}
      add={{ label: 'Add a relation', state: (entity) => ({ fromId: entity.id }) }}
      filters={filters}
      empty="No relations yet."
    >
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
      <CitationsColumn cellSx={{ minWidth: 260, maxWidth: 520 }} />
      <DataTable.Col label="Status">
        <FunctionField render={(r) => <StatusChip status={r.status} />} />
      </DataTable.Col>
    </FactTable>
  );
}
