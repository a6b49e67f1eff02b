export interface DiffRow {
  path: string;
  before: unknown;
  after: unknown;
  change: "added" | "removed" | "changed" | "same";
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>) {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) out.set(prefix, {});
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out.set(prefix, value);
  else out.set("(value)", value);
}

/** Field-by-field comparison of an audit entry's before and after (nested objects by dotted path). */
export function diffRecords(before: unknown, after: unknown): DiffRow[] {
  const b = new Map<string, unknown>();
  const a = new Map<string, unknown>();
  if (before != null) flatten(before, "", b);
  if (after != null) flatten(after, "", a);
  const paths = [...new Set([...b.keys(), ...a.keys()])].sort();
  return paths.map((path) => {
    const inB = b.has(path);
    const inA = a.has(path);
    const same = JSON.stringify(b.get(path)) === JSON.stringify(a.get(path));
    return { path, before: b.get(path), after: a.get(path), change: !inB ? "added" : !inA ? "removed" : same ? "same" : "changed" };
  });
}
