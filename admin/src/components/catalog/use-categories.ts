import { useMemo } from "react";
import { useList } from "@refinedev/core";
import type { Category, LocalText } from "./types";
import { useLocalText } from "./product-bits";

export interface CategoryNode {
  key: number;
  value: number;
  title: string;
  category: Category;
  children: CategoryNode[];
}

const bySort = (a: Category, b: Category) => a.sortOrder - b.sortOrder || a.id - b.id;

/** Every category (the tree is small), nested in sibling order, with each one's path for labels. */
export function useCategories() {
  const text = useLocalText();
  const { result, query } = useList<Category>({ resource: "categories", pagination: { mode: "off" }, sorters: [{ field: "sortOrder", order: "asc" }] });
  const data = result?.data;
  const shaped = useMemo(() => {
    const rows = data ?? [];
    const nodes = new Map<number, CategoryNode>(rows.map((c) => [c.id, { key: c.id, value: c.id, title: text(c.name), category: c, children: [] }]));
    const roots: CategoryNode[] = [];
    for (const c of [...rows].sort(bySort)) {
      const node = nodes.get(c.id)!;
      if (c.parentId == null) roots.push(node);
      else nodes.get(c.parentId)?.children.push(node);
    }
    const byId = new Map(rows.map((c) => [c.id, c]));
    const path = (id: number | null | undefined): string => {
      const names: string[] = [];
      for (let at = id == null ? undefined : byId.get(id); at && names.length < 5; at = at.parentId == null ? undefined : byId.get(at.parentId)) names.unshift(text(at.name as LocalText));
      return names.join(" / ");
    };
    return { rows, tree: roots, byId, path };
  }, [data, text]);
  return { ...shaped, query, isLoading: query.isLoading };
}
