import { Link as MuiLink } from '@mui/material';
import { LinkBase, type RaRecord } from 'react-admin';
import { draftSubject } from './fields.tsx';

/** The fact a draft changes, linking to its page when it exists. */
export function DraftSubject({ draft }: { draft: RaRecord }) {
  const subject = draftSubject({
    operation: draft.operation,
    fact: draft.fact,
    entity: draft.entity,
    input: draft.input,
  });
  if (!subject.path) return <span>{subject.title}</span>;
  return (
    <MuiLink
      component={LinkBase}
      to={subject.path}
      underline="hover"
      onClick={(e: React.MouseEvent) => e.stopPropagation()}
    >
      {subject.title}
    </MuiLink>
  );
}
