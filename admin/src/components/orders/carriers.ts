/** The carriers the ship dialog offers; anything else is typed in under "other". */
export const CARRIERS = ["SF", "JD", "ZTO", "YTO", "EMS"] as const;

/** A stored carrier as people say it: a known code translated, anything else as typed. */
export function carrierLabel(t: (key: string, fallback?: string) => string, carrier: string | null | undefined): string {
  if (!carrier) return "—";
  return (CARRIERS as readonly string[]).includes(carrier) ? t(`orders.carriers.${carrier}`, carrier) : carrier;
}

/** The API's rule for tracking numbers. */
export const TRACKING_NO = /^[A-Za-z0-9-]{6,40}$/;
