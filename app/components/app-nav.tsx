import { Form, Link, NavLink, useLocation, useParams } from '@remix-run/react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from '~/i18n/translation';
import { useRootData } from '~/root';
import { LanguageSwitch } from './language-switch';

/** The top bar: on a phone a menu button opens the links; on a desktop they sit in the bar. */
/**
 * Signing out deletes what the door keeps on the device (the server says so with Clear-Site-Data
 * on a whole-page answer), records not yet sent too: when some wait, the person decides.
 */
function useConfirmWaitingTaps() {
  const { t } = useTranslation();
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    void import('~/modules/attendance/door-device')
      .then((device) => device.waitingTapCount())
      .catch(() => 0)
      .then((waiting) => {
        if (waiting === 0 || window.confirm(t('door.signOutWaiting', { count: waiting }))) form.submit();
      });
  };
}

export function AppNav() {
  const confirmWaitingTaps = useConfirmWaitingTaps();
  const data = useRootData();
  const { t } = useTranslation();
  const params = useParams();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [location.key]);
  const user = data?.user;
  const memberships = user?.memberships ?? [];
  const centerId = params.centerId ?? memberships[0]?.centerId;
  const roles = memberships.filter((m) => m.centerId === centerId).map((m) => m.role);
  const centers = [...new Map(memberships.map((m) => [m.centerId, m.centerName])).entries()];

  const links: { to: string; label: string; end?: boolean; badge?: string }[] = [];
  if (centerId && roles.length > 0) {
    links.push({ to: `/c/${centerId}`, label: t('nav.home'), end: true });
    links.push({ to: `/c/${centerId}/today`, label: t('nav.today') });
    links.push({ to: `/c/${centerId}/day`, label: t('nav.day') });
    const unread = data?.unreadConversations ?? 0;
    links.push({
      to: `/c/${centerId}/messages`,
      label: t('nav.messages'),
      badge: unread > 0 ? t('nav.unreadConversations', { count: unread }) : undefined,
    });
    links.push({ to: `/c/${centerId}/incidents`, label: t('nav.incidents') });
    if (roles.includes('coordinator') || roles.includes('teacher'))
      links.push({ to: `/c/${centerId}/announcements`, label: t('nav.announcements') });
    // Staff find the concerns they raised here; coordinators from their home (their menu is full at 1024 px).
    if (!roles.includes('coordinator')) links.push({ to: `/c/${centerId}/concerns`, label: t('nav.concerns') });
    if (roles.includes('coordinator') || roles.includes('teacher')) {
      links.push({ to: `/c/${centerId}/milestones`, label: t('nav.development') });
      links.push({ to: `/c/${centerId}/activities`, label: t('nav.activities') });
      links.push({ to: `/c/${centerId}/reports/monthly`, label: t('nav.reports') });
      links.push({ to: `/c/${centerId}/growth`, label: t('nav.growth') });
    }
    if (roles.includes('coordinator')) {
      links.push({ to: `/c/${centerId}/follow-ups`, label: t('nav.followUps') });
      links.push({ to: `/c/${centerId}/applications`, label: t('nav.applications') });
      links.push({ to: `/c/${centerId}/capacity`, label: t('nav.capacity') });
      links.push({ to: `/c/${centerId}/staff`, label: t('nav.staff') });
      links.push({ to: `/c/${centerId}/kiosks`, label: t('nav.kiosk') });
      links.push({ to: `/c/${centerId}/settings`, label: t('nav.settings') });
      links.push({ to: `/c/${centerId}/audit`, label: t('nav.audit') });
      links.push({ to: `/c/${centerId}/mail`, label: t('nav.mail') });
    }
  }
  // Every staff member sees their own safeguarding record; the coordinator sees everyone's above.
  if (centerId && roles.length > 0 && !roles.includes('coordinator'))
    links.push({ to: `/c/${centerId}/safeguarding/staff/me`, label: t('nav.myChecks') });
  if (user?.isGuardian) links.push({ to: '/family', label: t('nav.family') });
  if (user?.isRegional) links.push({ to: '/region', label: t('nav.region') });

  // On a desktop: the brand, the center and the account on the first line, the sections on their
  // own line below (wrapping, never hidden, when a coordinator's list is long). On a phone both
  // hide behind the menu button.
  return (
    <header className="topbar" data-open={open}>
      <Link to="/" className="brand">
        Asuh
      </Link>
      {centers.length > 0 && centerId ? (
        <span className="topbar-center" data-switch={centers.length > 1 ? '' : undefined}>
          {centers.find(([id]) => id === centerId)?.[1]}
        </span>
      ) : null}
      <button
        type="button"
        className="menu-button"
        aria-expanded={open}
        aria-controls="main-menu account-menu"
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">☰</span> {t('nav.menu')}
      </button>
      <div id="account-menu" className="account-menu">
        {centers.length > 1 ? (
          <ul className="center-switch" aria-label={t('nav.centers')}>
            {centers.map(([id, name]) => (
              <li key={id}>
                <Link to={`/c/${id}`} aria-current={id === centerId ? 'true' : undefined}>
                  {name}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
        {user ? <NavLink to="/account">{t('nav.account')}</NavLink> : null}
        <LanguageSwitch />
        {user ? (
          <Form method="post" action="/logout" reloadDocument onSubmit={confirmWaitingTaps}>
            <button type="submit" className="link-button">
              {t('nav.signOut')}
            </button>
          </Form>
        ) : null}
      </div>
      {links.length > 0 ? (
        <nav id="main-menu" className="menu" aria-label={t('nav.main')}>
          <MenuLinks links={links} />
        </nav>
      ) : null}
    </header>
  );
}

function MenuLinks({ links }: { links: { to: string; label: string; end?: boolean; badge?: string }[] }) {
  return (
    <ul className="menu-links">
      {links.map((l) => (
        <li key={l.to}>
          <NavLink to={l.to} end={l.end}>
            {l.label}
            {l.badge ? (
              <>
                {' '}
                <span className="badge">{l.badge}</span>
              </>
            ) : null}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}
