import type { ResourceProps } from "@refinedev/core";
import type { ReactNode } from "react";

/**
 * One file per area in admin/src/resources/ exports a ResourceModule as default: its Refine
 * resources (menu entries, in `order`) and its routes. App.tsx collects them all, so adding an
 * area never edits App.tsx.
 */
export interface ResourceModule {
  order: number;
  resources: ResourceProps[];
  routes: ReactNode;
}
