import { maxLength, required, SelectInput, TextInput } from 'react-admin';
import { FactEdit } from '../common/fact-edit.tsx';
import { DetailInputs } from './details.tsx';
import { STATUS_CHOICES } from './kinds.ts';
import { EntityTitle } from './show.tsx';
import { useKindConfig } from './use-kind.ts';

/** Name, status and the kind's details; saving sends the version read, so a concurrent change is refused. */
export function EntityEdit() {
  const config = useKindConfig();
  return (
    <FactEdit title={<EntityTitle action="Edit" />}>
      <TextInput
        source="name"
        label="Name"
        validate={[required(), maxLength(300)]}
        fullWidth
        helperText="The preferred name, as curators and users read it"
      />
      <SelectInput source="status" label="Status" choices={STATUS_CHOICES} validate={required()} />
      <DetailInputs config={config} />
    </FactEdit>
  );
}
