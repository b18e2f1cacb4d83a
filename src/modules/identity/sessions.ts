import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../../config.ts';
import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import { GOVERNING_KINDS, type Actor } from '../../shared/actor.ts';
import * as repo from './repository.ts';

/** 256-bit random token, base64url; only its sha256 is stored. */
export const newToken = () => randomBytes(32).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(
  db: DbOrTx,
  config: Config,
  userId: string,
  meta: { ip: string | null; userAgent: string | null; mfaPending: boolean },
) {
  const token = newToken();
  const now = new Date();
  const session = await repo.insertSession(db, {
    tokenHash: hashToken(token),
    userId,
    csrfToken: newToken(),
    mfaPending: meta.mfaPending,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + config.session.absoluteHours * 3600_000),
  });
  return { token, session };
}

export interface ResolvedSession {
  session: repo.SessionRow;
  actor: Actor;
}

/**
 * Looks a cookie token up, with the user, organisation and roles, in one statement: refuses revoked,
 * absolutely expired and idle sessions (the idle one is revoked on the spot), and disabled users or
 * organisations. Touches last-seen at most once a minute, so most requests run that one statement only.
 */
export async function resolveSession(db: Db, config: Config, token: string, now = new Date()): Promise<ResolvedSession | null> {
  const row = await repo.findLiveSessionWithActor(db, hashToken(token), now);
  if (!row) return null;
  const { session } = row;
  if (now.getTime() - session.lastSeenAt.getTime() > config.session.idleMinutes * 60_000) {
    await repo.revokeSession(db, session.id, now);
    return null;
  }
  const actor = actorOf(row, session.id);
  if (!actor) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) await repo.touchSession(db, session.id, now);
  return { session, actor };
}

/** The actor a user acts as, for seeds and jobs acting in a user's name (one statement). */
export async function loadActor(db: DbOrTx, userId: string, sessionId: string): Promise<Actor | null> {
  const row = await repo.actorRowOf(db, userId);
  return row ? actorOf(row, sessionId) : null;
}

/** Null for a disabled account or organisation: it acts no more, whatever session it holds. */
function actorOf({ user, org, roles }: repo.ActorRow, sessionId: string): Actor | null {
  if (user.status !== 'active' || org.status !== 'active') return null;
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    sessionId,
    roles,
    org: {
      id: org.id,
      name: org.name,
      kind: org.kind,
      authorityLevel: org.authorityLevel,
      regionCode: org.regionCode,
      regionName: org.regionName,
    },
    jurisdictionPath: GOVERNING_KINDS.includes(org.kind) ? org.regionPath : null,
    mustChangePassword: user.mustChangePassword,
    mfaEnrolled: user.mfaEnrolled,
    locale: user.locale,
  };
}

/** Ends the sessions of every user of an organisation (the organisation is being disabled). */
export const endOrganisationSessionsInTx = (tx: Tx, orgId: string) => repo.revokeOrgSessions(tx, orgId, new Date());
