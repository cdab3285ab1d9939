import { Loading, Navigate, useGetOne, useParams } from 'react-admin';
import { useEntityPath } from '../common/entity-link.tsx';

/**
 * The `entities` resource holds every kind (references and autocompletes use it); its show page sends the
 * curator to the page of the entity's own kind.
 */
export function EntityRedirect() {
  const { id } = useParams<{ id: string }>();
  const pathFor = useEntityPath();
  const { data, error } = useGetOne('entities', { id: id ?? '' }, { enabled: !!id });
  if (error) return <Navigate to="/" replace />;
  if (!data) return <Loading />;
  return <Navigate to={pathFor(data as never)} replace />;
}
