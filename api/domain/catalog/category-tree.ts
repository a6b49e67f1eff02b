/** A category tree held as flat rows (parentId, sortOrder): pure helpers over those rows. */
export interface CategoryNodeRow {
  id: number;
  parentId: number | null;
  sortOrder: number;
}

/** Deep enough for 数码 → 耳机 → 降噪耳机; deeper trees are hard to browse on a phone. */
export const MAX_CATEGORY_DEPTH = 3;

const bySortOrder = (a: CategoryNodeRow, b: CategoryNodeRow) => a.sortOrder - b.sortOrder || a.id - b.id;

/** The id and every id below it. */
export function subtreeIds(rows: readonly CategoryNodeRow[], id: number): Set<number> {
  const children = new Map<number, number[]>();
  for (const r of rows) if (r.parentId != null) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r.id]);
  const out = new Set<number>([id]);
  const queue = [id];
  while (queue.length) for (const c of children.get(queue.shift()!) ?? []) if (!out.has(c)) (out.add(c), queue.push(c));
  return out;
}

/** 1 for a root category. */
export function depthOf(rows: readonly CategoryNodeRow[], id: number): number {
  const parent = new Map(rows.map((r) => [r.id, r.parentId]));
  let depth = 0;
  for (let at: number | null | undefined = id; at != null && depth <= rows.length; at = parent.get(at)) depth++;
  return depth;
}

/** How many levels a subtree has (1 for a leaf). */
export function heightOf(rows: readonly CategoryNodeRow[], id: number): number {
  const kids = rows.filter((r) => r.parentId === id);
  return 1 + Math.max(0, ...kids.map((k) => heightOf(rows, k.id)));
}

/**
 * Whether the categories `ids` may be put under `parentId`: not under themselves or their own
 * descendants, and the result no deeper than MAX_CATEGORY_DEPTH. Returns a problem or null.
 */
export function moveProblem(rows: readonly CategoryNodeRow[], ids: readonly number[], parentId: number | null): string | null {
  if (parentId == null) return ids.some((id) => heightOf(rows, id) > MAX_CATEGORY_DEPTH) ? `Categories nest at most ${MAX_CATEGORY_DEPTH} levels deep` : null;
  for (const id of ids) if (subtreeIds(rows, id).has(parentId)) return "A category cannot be moved under itself or one of its subcategories";
  const base = depthOf(rows, parentId);
  if (ids.some((id) => base + heightOf(rows, id) > MAX_CATEGORY_DEPTH)) return `Categories nest at most ${MAX_CATEGORY_DEPTH} levels deep`;
  return null;
}

export type TreeNode<T> = T & { children: TreeNode<T>[] };

/** Nested nodes in sibling order; rows whose parent is missing (or filtered out) are dropped with their subtree. */
export function buildTree<T extends CategoryNodeRow>(rows: readonly T[]): TreeNode<T>[] {
  const nodes = new Map<number, TreeNode<T>>(rows.map((r) => [r.id, { ...r, children: [] }]));
  const roots: TreeNode<T>[] = [];
  for (const r of [...rows].sort(bySortOrder)) {
    const node = nodes.get(r.id)!;
    if (r.parentId == null) roots.push(node);
    else nodes.get(r.parentId)?.children.push(node);
  }
  return roots;
}

/** New sibling order under one parent: the ids given first, in that order, then the parent's other children as they were. */
export function siblingOrder(rows: readonly CategoryNodeRow[], parentId: number | null, ids: readonly number[]): number[] {
  const given = new Set(ids);
  const others = rows.filter((r) => r.parentId === parentId && !given.has(r.id)).sort(bySortOrder);
  return [...ids, ...others.map((r) => r.id)];
}
