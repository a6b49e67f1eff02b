/** Personal data for roles without the `pii unmask` permission: enough to recognise, not to use. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return "";
  const digits = phone.replace(/\s+/g, "");
  if (digits.length <= 4) return "*".repeat(digits.length);
  // 3 + 4 visible digits only once at least 4 stay hidden (a mainland mobile has 11); shorter numbers keep 3.
  if (digits.length < 11) return digits.slice(0, 1) + "*".repeat(digits.length - 3) + digits.slice(-2);
  return digits.slice(0, 3) + "****" + digits.slice(-4);
}

export function maskEmail(email: string | null | undefined): string {
  if (!email) return "";
  const [user, domain] = email.split("@");
  if (!domain) return maskPhone(email);
  return (user.length <= 1 ? "*" : user[0] + "***") + "@" + domain;
}

/** Keeps the region, hides the street: "上海市浦东新区****". */
export function maskAddress(address: string | null | undefined): string {
  if (!address) return "";
  return address.length <= 6 ? "****" : address.slice(0, 6) + "****";
}

export function maskName(name: string | null | undefined): string {
  if (!name) return "";
  const chars = [...name];
  return chars.length <= 1 ? "*" : chars[0] + "*".repeat(Math.min(chars.length - 1, 3));
}

const maskAccount = (v: string) => (v ? "****" + v.slice(-4) : "");

/** Known personal fields, by name, wherever they sit in a record (audit before/after snapshots). */
const PERSONAL_FIELDS: Record<string, (v: string) => string> = {
  phone: maskPhone,
  contactPhone: maskPhone,
  email: maskEmail,
  contactEmail: maskEmail,
  address: maskAddress,
  accountNumber: maskAccount,
};

/** Masks the personal fields of a JSON value of any shape, for roles without `pii unmask`. */
export function maskPersonalFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPersonalFields);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = Object.hasOwn(PERSONAL_FIELDS, k) && typeof v === "string" ? PERSONAL_FIELDS[k](v) : maskPersonalFields(v);
  }
  return out;
}
