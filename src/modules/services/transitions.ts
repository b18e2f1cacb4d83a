import type { OrderState } from './schema.ts';

/** What can be done to an order, by whom: the space's operator or the ordering maker team. */
export const ORDER_ACTIONS = ['quote', 'accept', 'deliver', 'rate', 'decline', 'cancel'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];
export type OrderSide = 'operator' | 'requester';

interface Move {
  to: OrderState;
  by: OrderSide;
}

/**
 * The one table of order moves: requested → quoted (the operator's price and date) → accepted (the
 * requester) → delivered (the operator's files or note) → rated (the requester, 1–5). Before
 * acceptance the operator may decline and the requester cancel; after acceptance the work is
 * owed, so neither side walks away in the platform (a dispute is settled outside it).
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderState, Partial<Record<OrderAction, Move>>>> = {
  requested: { quote: { to: 'quoted', by: 'operator' }, decline: { to: 'declined', by: 'operator' }, cancel: { to: 'cancelled', by: 'requester' } },
  quoted: { accept: { to: 'accepted', by: 'requester' }, decline: { to: 'declined', by: 'operator' }, cancel: { to: 'cancelled', by: 'requester' } },
  accepted: { deliver: { to: 'delivered', by: 'operator' } },
  delivered: { rate: { to: 'rated', by: 'requester' } },
  rated: {},
  declined: {},
  cancelled: {},
};

/** The state `action` leads to from `from` when `side` takes it; null when the table has no such move. */
export function nextOrderState(from: OrderState, action: OrderAction, side: OrderSide): OrderState | null {
  const move = ORDER_TRANSITIONS[from][action];
  return move && move.by === side ? move.to : null;
}

/** The actions `side` may take on an order in `state` (the UI's buttons). */
export const actionsOf = (state: OrderState, side: OrderSide): OrderAction[] =>
  (Object.entries(ORDER_TRANSITIONS[state]) as [OrderAction, Move][]).filter(([, m]) => m.by === side).map(([a]) => a);

/** States that count as delivered work: their quoted amounts are the space's service income. */
export const INCOME_STATES: readonly OrderState[] = ['delivered', 'rated'];

/** Open states the space still has to act on or wait for. */
export const OPEN_STATES: readonly OrderState[] = ['requested', 'quoted', 'accepted'];
