import { type RaRecord, type RedirectionSideEffect, useNotify, useRedirect, useResourceContext } from 'react-admin';

export const SENT_FOR_REVIEW =
  'Sent for review: a reviewer publishes your change; until then everyone sees the published value.';

/**
 * What a successful save tells the curator and where it goes next. A curator's save becomes a draft (the data
 * provider marks the record with `pendingDraft`): the published value stays, so say so; a new fact that awaits
 * review is only a draft, so its page is the draft's.
 */
export function useWriteSuccess(redirectTo: RedirectionSideEffect, savedMessage = 'Saved') {
  const notify = useNotify();
  const redirect = useRedirect();
  const resource = useResourceContext();
  return (data: RaRecord) => {
    const draft = (data as { pendingDraft?: { id: string } }).pendingDraft;
    if (draft) {
      notify(SENT_FOR_REVIEW, { type: 'info', multiLine: true });
      if (data.id === draft.id) {
        redirect(`/drafts/${encodeURIComponent(draft.id)}/show`);
        return;
      }
    } else {
      notify(savedMessage, { type: 'info' });
    }
    redirect(redirectTo, resource, data.id, data);
  };
}
