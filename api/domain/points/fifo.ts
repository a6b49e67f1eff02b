export interface OpenLot {
  id: number;
  remaining: number;
  expiresAt: Date | null;
}

/** Lots in the order spending takes them: the one that expires first, never-expiring last, then oldest. */
export function fifoOrder<T extends OpenLot>(lots: T[]): T[] {
  return [...lots].sort((a, b) => {
    const ea = a.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
    const eb = b.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
    return ea === eb ? a.id - b.id : ea - eb;
  });
}

/** Which lots an amount is taken from, FIFO by expiry; null when the lots do not hold enough. */
export function planTake(lots: OpenLot[], amount: number): { lotId: number; amount: number }[] | null {
  const plan: { lotId: number; amount: number }[] = [];
  let left = amount;
  for (const lot of fifoOrder(lots)) {
    if (left === 0) break;
    const take = Math.min(lot.remaining, left);
    if (take > 0) {
      plan.push({ lotId: lot.id, amount: take });
      left -= take;
    }
  }
  return left === 0 ? plan : null;
}
