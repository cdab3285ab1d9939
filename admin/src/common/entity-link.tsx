import { Box, Chip, Link as MuiLink } from '@mui/material';
import { DataTable, FunctionField, Labeled, LinkBase, useCreatePath } from 'react-admin';
import { kindLabel, resourceForKind } from '../entities/kinds.ts';

export interface EntityRef {
  id: string;
  kind?: string | null;
  name?: string | null;
}

/** The path of an entity's show page, in the resource of its kind. */
export function useEntityPath() {
  const createPath = useCreatePath();
  return (entity: EntityRef, tab?: number) =>
    `${createPath({ resource: resourceForKind(entity.kind), id: entity.id, type: 'show' })}${tab ? `/${tab}` : ''}`;
}

/** A link to an entity's show page, with its kind as a small chip when asked. */
export function EntityLink({ entity, showKind = false }: { entity?: EntityRef | null; showKind?: boolean }) {
  const pathFor = useEntityPath();
  if (!entity) return null;
  return (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
      <MuiLink
        component={LinkBase}
        to={pathFor(entity)}
        onClick={(e: React.MouseEvent) => e.stopPropagation()}
        underline="hover"
      >
        {entity.name ?? entity.id}
      </MuiLink>
      {showKind && entity.kind ? <Chip size="small" label={kindLabel(entity.kind)} variant="outlined" /> : null}
    </Box>
  );
}

/** The entity a record points to (`source`: "from", "to", "entity"), as a link with its kind. */
export function EntityField({ source }: { source: string; label?: string }) {
  return <FunctionField render={(record) => <EntityLink entity={record[source]} showKind />} />;
}

/** The same on a form, with its label (a form does not label its rows). */
export function LabeledEntityField({ source, label }: { source: string; label: string }) {
  return (
    <Labeled label={label}>
      <EntityField source={source} />
    </Labeled>
  );
}

/** A table column of the entity each row points to (`source`), as a link with its kind. */
export function EntityColumn({ source, label }: { source: string; label: string }) {
  return (
    <DataTable.Col label={label}>
      <EntityField source={source} />
    </DataTable.Col>
  );
}
