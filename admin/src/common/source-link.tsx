import { Link } from 'react-admin';
import { useCreatePath } from 'react-admin';

/** A source's title, linking to its page. */
export function SourceLink({ source }: { source?: { id: string; title?: string | null } | null }) {
  const createPath = useCreatePath();
  if (!source) return <span>—</span>;
  return (
    <Link to={createPath({ resource: 'sources', id: source.id, type: 'show' })} onClick={(e) => e.stopPropagation()}>
      {source.title ?? source.id}
    </Link>
  );
}
