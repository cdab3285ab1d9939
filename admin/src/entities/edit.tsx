import { maxLength, required, SelectInput, TextInput } from 'react-admin';
import { FactEdit } from '../common/fact-edit.tsx';
import { DetailInputs } from './details.tsx';
import { STATUS_CHOICES } from './kinds.ts';
import { entityTitle } from './show.tsx';
import { useKindConfig } from './use-kind.ts';

/** The inputs an entity is created and edited with: its preferred name, status and the kind's details. */
export function EntityInputs({ nameHelp }: { nameHelp: string }) {
  const config = useKindConfig();
  return (
    <>
      <TextInput source="name" label="Name" validate={[required(), maxLength(300)]} fullWidth helperText={nameHelp} />
      <SelectInput source="status" label="Status" choices={STATUS_CHOICES} validate={required()} />
      <DetailInputs config={config} />
    </>
  );
}

/** Name, status and the kind's details; saving sends the version read, so a concurrent change is refused. */
export function EntityEdit() {
  const config = useKindConfig();
  return (
    <FactEdit title={(record) => entityTitle(config, record, 'Edit')}>
      <EntityInputs nameHelp="The preferred name, as curators and users read it" />
    </FactEdit>
  );
}
