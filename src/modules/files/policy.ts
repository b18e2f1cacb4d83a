import type { Actor } from '../../shared/actor.ts';

export type FileAction =
  /** See the metadata and download the bytes. */
  | 'file.read'
  /** Link the file to a record of one's own (evidence, reports); other modules ask before linking. */
  | 'file.attach';

export interface FileSubject {
  ownerOrgId: string | null;
}

/**
 * A file belongs to the organisation of whoever uploaded it: its members read and attach it.
 * Everyone else is out of scope and gets 404 — the platform's administrators too: they run the
 * system and do not read applicants' files (restores are checked by checksum, not by opening them).
 */
export function can(actor: Actor, action: FileAction, file: FileSubject): boolean {
  const ownOrg = file.ownerOrgId !== null && file.ownerOrgId === actor.org.id;
  switch (action) {
    case 'file.read':
    case 'file.attach':
      return ownOrg;
  }
}
