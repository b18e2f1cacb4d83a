import { describe, expect, it } from 'vitest';
import { makeActor } from '../../../test/helpers/actor.ts';
import type { Actor } from '../../shared/actor.ts';
import type { Role } from '../identity/schema.ts';
import { can } from './policy.ts';

const actor = (roles: Role[], userId: string): Actor => makeActor({ roles, userId });

describe('can', () => {
  it('lets only the addressee mark it, administrators included', () => {
    const n = { userId: 'u-1' };
    expect(can(actor(['maker'], 'u-1'), 'notification.mark_read', n)).toBe(true);
    expect(can(actor(['maker'], 'u-2'), 'notification.mark_read', n)).toBe(false);
    expect(can(actor(['system_admin'], 'u-3'), 'notification.mark_read', n)).toBe(false);
  });
});
