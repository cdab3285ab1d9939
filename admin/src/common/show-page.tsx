import type { ReactElement, ReactNode } from 'react';
import {
  EditButton,
  FunctionField,
  Labeled,
  type RaRecord,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
} from 'react-admin';
import { PendingDrafts } from '../drafts/pending.tsx';
import { CitationsTab } from '../entities/tabs/citations.tsx';
import { HistoryTab } from '../history/tab.tsx';
import { RecordTitle, type TitleOf } from './record-title.tsx';
import { CanWrite } from './roles.tsx';
import { StatusChip } from './status.tsx';

/** The Edit button of a show page, for accounts that may change facts. */
export function EditAction() {
  return (
    <TopToolbar>
      <CanWrite>
        <EditButton />
      </CanWrite>
    </TopToolbar>
  );
}

/** A record's show page: its title, the toolbar (Edit by default; false for none) and its fields, one labelled row each. */
export function ShowPage({
  title,
  actions = <EditAction />,
  children,
}: {
  title: TitleOf;
  actions?: ReactElement | false;
  children: ReactNode;
}) {
  return (
    <Show title={<RecordTitle of={title} />} actions={actions}>
      <SimpleShowLayout>{children}</SimpleShowLayout>
    </Show>
  );
}

/**
 * The show page of a relation or observation: the changes to it that await review, its fields, then its status,
 * version, citations and history. `what` names it in sentences ("relation"); `entityOf` is the entity its drafts
 * are filed under.
 */
export function FactShow({
  title,
  what,
  entityOf,
  children,
}: {
  title: TitleOf;
  what: string;
  entityOf: (record: RaRecord) => string;
  children: ReactNode;
}) {
  return (
    <ShowPage title={title}>
      <PendingDrafts entityOf={entityOf} what={`this ${what}`} />
      {children}
      <FunctionField label="Status" render={(f) => <StatusChip status={f.status} />} />
      <TextField source="version" label="Version" />
      <CitationsTab label={false} factLabel={`this ${what}`} title="Citations" />
      <Labeled label="History" fullWidth>
        <HistoryTab factLabel={`This ${what}`} />
      </Labeled>
    </ShowPage>
  );
}
