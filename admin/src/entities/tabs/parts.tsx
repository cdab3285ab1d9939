import { Typography } from '@mui/material';
import { CreateButton, EditButton, useRecordContext } from 'react-admin';
import { CitationTexts } from '../../common/citation-text.tsx';
import { CanWrite } from '../../common/roles.tsx';

/** What the tabs of an entity's page share: add and edit buttons, a row's citations, an empty table. */

export function AddButton({
  resource,
  label,
  state,
}: {
  resource: string;
  label: string;
  state: Record<string, unknown>;
}) {
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
export function RowEditButton() {
  return (
    <CanWrite>
      <EditButton />
    </CanWrite>
  );
}

/** The citations of the row's fact, each in its source's words. */
export function CitationList() {
  const record = useRecordContext();
  return <CitationTexts citations={record?.citations ?? []} missing="Not cited" />;
}

export function Empty({ text }: { text: string }) {
  return (
    <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>
      {text}
    </Typography>
  );
}
