import { Link as MuiLink } from '@mui/material';
import { LinkBase, useCreatePath } from 'react-admin';

/** A source's title, linking to its page. */
export function SourceLink({ source }: { source?: { id: string; title?: string | null } | null }) {
  const createPath = useCreatePath();
  if (!source) return <span>—</span>;
  return (
    <MuiLink
      component={LinkBase}
      to={createPath({ resource: 'sources', id: source.id, type: 'show' })}
      onClick={(e: React.MouseEvent) => e.stopPropagation()}
      underline="always"
    >
      {source.title ?? source.id}
    </MuiLink>
  );
}
