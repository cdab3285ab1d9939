import type { ReactElement, ReactNode } from 'react';
import { Edit, type RedirectionSideEffect, ShowButton, SimpleForm, TopToolbar } from 'react-admin';
import { EditCitationInputs } from './citation-inputs.tsx';
import { useSaveErrorHandler } from './conflict.tsx';
import { CurrentCitations } from './current-citations.tsx';
import { EditToolbar, FORM_SX, ReasonInput, VersionNote } from './forms.tsx';
import { RecordTitle, type TitleOf } from './record-title.tsx';
import { useWriteSuccess } from './write-feedback.ts';

/**
 * The edit page every fact shares: the version read (a save over a newer one is refused and compared), the
 * fields, a reason for the change log, the citations the fact has and the source for the new values.
 */
export function FactEdit({
  title,
  redirect = 'show',
  toolbar = <EditToolbar />,
  cited = true,
  showButton = true,
  children,
}: {
  title: TitleOf;
  redirect?: RedirectionSideEffect;
  toolbar?: ReactElement;
  /** Facts with citations list them and ask for the source of the change (citations themselves do not). */
  cited?: boolean;
  showButton?: boolean;
  children: ReactNode;
}) {
  const onSuccess = useWriteSuccess(redirect);
  const onError = useSaveErrorHandler({ onSaved: onSuccess });
  return (
    <Edit
      title={<RecordTitle of={title} />}
      mutationMode="pessimistic"
      mutationOptions={{ onSuccess, onError }}
      redirect={redirect}
      actions={
        showButton ? (
          <TopToolbar>
            <ShowButton />
          </TopToolbar>
        ) : undefined
      }
    >
      <SimpleForm toolbar={toolbar} warnWhenUnsavedChanges sx={FORM_SX}>
        <VersionNote />
        {children}
        <ReasonInput />
        {cited ? <CurrentCitations /> : null}
        {cited ? <EditCitationInputs /> : null}
      </SimpleForm>
    </Edit>
  );
}
