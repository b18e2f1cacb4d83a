import { abilitiesOf, hasRole, type Actor } from '../../shared/actor.ts';

export type DashboardAction =
  /** Open the dashboard of one's jurisdiction (and of any region below it), with its Excel export. */
  | 'dashboard.read'
  /** Upload the reviewed map (GeoJSON with its 审图号) the dashboards of one's jurisdiction draw. */
  | 'dashboard.map_upload';

/** Authority staff watch their jurisdiction; only its administrator replaces the map everyone there sees. */
export function can(actor: Actor, action: DashboardAction): boolean {
  const authority = actor.org.kind === 'authority' && !!actor.jurisdictionPath;
  switch (action) {
    case 'dashboard.read':
      return authority && hasRole(actor, 'authority_admin', 'authority_reviewer');
    case 'dashboard.map_upload':
      return authority && hasRole(actor, 'authority_admin');
  }
}

/** Whether `path` lies at or below the actor's jurisdiction (region paths, never code prefixes). */
export const withinJurisdiction = (actor: Actor, path: string) => !!actor.jurisdictionPath && (path === actor.jurisdictionPath || path.startsWith(`${actor.jurisdictionPath}/`));

/** What the web app may offer: the 数据看板 menu item and the map upload. */
export function abilities(actor: Actor) {
  return abilitiesOf(['dashboard.read', 'dashboard.map_upload'] as const, (a) => can(actor, a));
}
