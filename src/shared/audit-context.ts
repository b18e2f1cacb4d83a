/** Who did it and from where; built from the request (see src/shared/http/context.ts) or by the CLI. */
export interface AuditContext {
  actorUserId: string | null;
  actorUsername: string | null;
  actorOrgId: string | null;
  ip: string | null;
  requestId: string | null;
}

export const SYSTEM_CONTEXT: AuditContext = {
  actorUserId: null,
  actorUsername: 'system',
  actorOrgId: null,
  ip: null,
  requestId: null,
};
