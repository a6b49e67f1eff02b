import { Route } from "react-router";
import { ThunderboltOutlined } from "@ant-design/icons";
import type { ResourceModule } from "./types";
import { RuleList } from "../pages/rules/list";
import { RuleCreate } from "../pages/rules/create";
import { RuleEdit } from "../pages/rules/edit";
import { RuleShow } from "../pages/rules/show";

/** Earning rules sit in the "points" menu group, which resources/points.tsx declares. */
const rules: ResourceModule = {
  order: 250,
  resources: [
    {
      name: "rules",
      list: "/rules",
      create: "/rules/create",
      edit: "/rules/edit/:id",
      show: "/rules/show/:id",
      meta: { parent: "points", icon: <ThunderboltOutlined /> },
    },
  ],
  routes: (
    <Route path="/rules">
      <Route index element={<RuleList />} />
      <Route path="create" element={<RuleCreate />} />
      <Route path="edit/:id" element={<RuleEdit />} />
      <Route path="show/:id" element={<RuleShow />} />
    </Route>
  ),
};

export default rules;
