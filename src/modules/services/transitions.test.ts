import { describe, expect, it } from 'vitest';
import { ORDER_STATES, type OrderState } from './schema.ts';
import { actionsOf, nextOrderState, ORDER_ACTIONS, ORDER_TRANSITIONS, type OrderSide } from './transitions.ts';

const SIDES: OrderSide[] = ['operator', 'requester'];

describe('the order transitions table', () => {
  it('walks the happy path: requested → quoted → accepted → delivered → rated, each by its side', () => {
    expect(nextOrderState('requested', 'quote', 'operator')).toBe('quoted');
    expect(nextOrderState('quoted', 'accept', 'requester')).toBe('accepted');
    expect(nextOrderState('accepted', 'deliver', 'operator')).toBe('delivered');
    expect(nextOrderState('delivered', 'rate', 'requester')).toBe('rated');
  });

  it('refuses a move by the wrong side', () => {
    expect(nextOrderState('requested', 'quote', 'requester')).toBeNull();
    expect(nextOrderState('quoted', 'accept', 'operator')).toBeNull();
    expect(nextOrderState('accepted', 'deliver', 'requester')).toBeNull();
    expect(nextOrderState('delivered', 'rate', 'operator')).toBeNull();
    expect(nextOrderState('requested', 'cancel', 'operator')).toBeNull();
    expect(nextOrderState('requested', 'decline', 'requester')).toBeNull();
  });

  it('lets the operator decline and the requester cancel only before acceptance', () => {
    for (const s of ['requested', 'quoted'] as OrderState[]) {
      expect(nextOrderState(s, 'decline', 'operator')).toBe('declined');
      expect(nextOrderState(s, 'cancel', 'requester')).toBe('cancelled');
    }
    for (const s of ['accepted', 'delivered', 'rated'] as OrderState[]) {
      expect(nextOrderState(s, 'decline', 'operator')).toBeNull();
      expect(nextOrderState(s, 'cancel', 'requester')).toBeNull();
    }
  });

  it('ends in rated, declined and cancelled: nothing leaves them', () => {
    for (const s of ['rated', 'declined', 'cancelled'] as OrderState[]) for (const a of ORDER_ACTIONS) for (const side of SIDES) expect(nextOrderState(s, a, side)).toBeNull();
  });

  it('skips no step: no move jumps over quoting, accepting or delivering', () => {
    const allowed = ORDER_STATES.flatMap((from) => ORDER_ACTIONS.flatMap((a) => SIDES.map((side) => `${from}-${a}-${side}→${nextOrderState(from, a, side)}`))).filter((x) => !x.endsWith('null'));
    expect(allowed.sort()).toEqual(
      [
        'requested-quote-operator→quoted',
        'requested-decline-operator→declined',
        'requested-cancel-requester→cancelled',
        'quoted-accept-requester→accepted',
        'quoted-decline-operator→declined',
        'quoted-cancel-requester→cancelled',
        'accepted-deliver-operator→delivered',
        'delivered-rate-requester→rated',
      ].sort(),
    );
  });

  it('names the buttons each side gets', () => {
    expect(actionsOf('requested', 'operator').sort()).toEqual(['decline', 'quote']);
    expect(actionsOf('requested', 'requester')).toEqual(['cancel']);
    expect(actionsOf('quoted', 'requester').sort()).toEqual(['accept', 'cancel']);
    expect(actionsOf('delivered', 'operator')).toEqual([]);
    expect(Object.keys(ORDER_TRANSITIONS).sort()).toEqual([...ORDER_STATES].sort());
  });
});
