import { Form, useLocation } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { LANGUAGES } from '~/i18n/i18n';

/** Posts the choice; the server remembers it on the account, or in a cookie before sign-in. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  return (
    // A whole page load: the browser fetches the other language's catalog with the new page.
    <Form method="post" action="/language" className="language-switch" reloadDocument>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="submit"
          name="lang"
          value={lng}
          className="link-button"
          aria-pressed={i18n.language === lng}
          lang={lng}
        >
          {t(`language.${lng}`)}
        </button>
      ))}
    </Form>
  );
}
