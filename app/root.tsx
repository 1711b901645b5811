import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react';
import { useEffect, type ReactNode } from 'react';
import { AppNav } from './components/app-nav';
import { keepWhenOffline } from './components/keep-when-offline';
import { usePageTitle } from './components/page-title';
import { useNonce } from './components/nonce';
import { FORMATTED_ID, formattedJson } from './i18n/format';
import { CATALOG_URLS, DEFAULT_LANGUAGE, translatorOf } from './i18n/i18n';
import { requestLanguage } from './i18n/language.server';
import { TranslationProvider, useTranslation } from './i18n/translation';
import { getOptionalUser } from './modules/auth/require-user.server';
import { takeFlash } from './modules/auth/session.server';
import { unreadConversationCount } from './modules/messaging/conversations.server';
import styles from './styles.css?url';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
  { rel: 'manifest', href: '/manifest.webmanifest' },
];

export const meta: MetaFunction = () => [{ title: 'Asuh' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const signedIn = await getOptionalUser(request);
  const lang = await requestLanguage(request, signedIn?.user.language);
  const flash = signedIn ? await takeFlash(signedIn.session) : null;
  // The inbox badge in the navigation: the center in the URL, or the one the navigation shows.
  const memberships = signedIn?.user.memberships ?? [];
  const navCenter = memberships.find((m) => m.centerId === params.centerId)?.centerId ?? memberships[0]?.centerId;
  const unreadConversations =
    signedIn && navCenter ? await unreadConversationCount({ centerId: navCenter, userId: signedIn.user.id }) : 0;
  return {
    unreadConversations,
    lang,
    flash,
    user: signedIn && {
      name: signedIn.user.name,
      memberships: signedIn.user.memberships,
      isGuardian: signedIn.user.isGuardian,
      isRegional: signedIn.user.isRegional,
    },
  };
}

// The door and the kiosk work offline: the root keeps its data (who is signed in, language) then.
export const shouldRevalidate = keepWhenOffline;

export type RootData = Awaited<ReturnType<typeof loader>>;
export const useRootData = () => useRouteLoaderData<typeof loader>('root');

export function Layout({ children }: { children: ReactNode }) {
  const data = useRootData();
  const lang = data?.lang ?? DEFAULT_LANGUAGE;
  const nonce = useNonce();
  const translator = translatorOf(lang);
  // The kiosk shows no navigation: a paired tablet can go nowhere else.
  const kiosk = useMatches().some((m) => (m.handle as { kiosk?: boolean } | undefined)?.kiosk);
  usePageTitle();
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0f766e" />
        <Meta />
        {/* entry.client.tsx fetches the page's catalog before hydrating: start it with the HTML. */}
        <link rel="preload" href={CATALOG_URLS[lang]} as="fetch" crossOrigin="anonymous" />
        <Links />
      </head>
      <body>
        <TranslationProvider translator={translator}>
          <a className="skip-link" href="#main">
            {translator.t('nav.skip')}
          </a>
          {kiosk ? null : <AppNav />}
          <main id="main" className="page">
            {children}
          </main>
        </TranslationProvider>
        <FormattedOnServer />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/** The dates and numbers the server formatted for this page, which the browser reuses (i18n/format.ts). */
function FormattedOnServer() {
  const json =
    typeof document === 'undefined' ? formattedJson() : (document.getElementById(FORMATTED_ID)?.textContent ?? '{}');
  return <script type="application/json" id={FORMATTED_ID} dangerouslySetInnerHTML={{ __html: json }} />;
}

export default function App() {
  const data = useRootData();
  const { t } = useTranslation();
  // The moment the page answers taps: what `npm run budget` reports as time to usable.
  useEffect(() => {
    performance.mark('asuh:hydrated');
  }, []);
  return (
    <>
      {data?.flash ? (
        <p className="flash" role="status">
          {t(data.flash)}
        </p>
      ) : null}
      <Outlet />
    </>
  );
}

/** One error page for 403/404/500 and for a page that needs the network, in the user's language. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // A page the device has not kept, opened without a network (in the browser only: the server is online).
  const offline = typeof navigator !== 'undefined' && !navigator.onLine;
  const kind = offline
    ? 'offline'
    : status === 404
      ? 'notFound'
      : status === 403
        ? 'forbidden'
        : status === 413
          ? 'tooLarge'
          : status >= 400 && status < 500
            ? 'badRequest'
            : 'server';
  if (status >= 500 && !offline) console.error(error);
  return (
    <section className="error-page">
      <h1>{t(`errorPage.${kind}.title`)}</h1>
      <p>{t(`errorPage.${kind}.body`)}</p>
      <p>
        <a href="/">{t('errorPage.home')}</a>
      </p>
    </section>
  );
}
