import { Link } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';

/** The documents on the child's record (pickup photos are shown with their person); only the coordinator gets links. */
export function ChildDocumentsCard({
  documents,
  canOpen,
}: {
  documents: { id: string; kind: string; file_name: string }[];
  canOpen: boolean;
}) {
  const { t } = useTranslation();
  if (documents.length === 0) return null;
  return (
    <div className="card">
      <h2>{t('apply.documents')}</h2>
      <ul className="plain">
        {documents.map((doc) => (
          <li key={doc.id}>
            {canOpen ? (
              <Link to={`documents/${doc.id}`} reloadDocument target="_blank">
                {t(`documents.${doc.kind}`)}
              </Link>
            ) : (
              t(`documents.${doc.kind}`)
            )}{' '}
            <span className="hint">{doc.file_name}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
