import { FunctionField, Labeled, useRecordContext } from 'react-admin';
import { EntityLink } from '../common/entity-link.tsx';
import { FactEdit } from '../common/fact-edit.tsx';
import { ObservationInputs } from './inputs.tsx';
import { observationTitle } from './show.tsx';

function Title() {
  const record = useRecordContext();
  return <span>Edit observation: {observationTitle(record)}</span>;
}

export function ObservationEdit() {
  return (
    <FactEdit title={<Title />}>
      <Labeled label="Entity">
        <FunctionField render={(o) => <EntityLink entity={o.entity} showKind />} />
      </Labeled>
      <ObservationInputs />
    </FactEdit>
  );
}
