import { Route } from "react-router";
import { AppstoreOutlined, AuditOutlined, ClusterOutlined, ShoppingOutlined } from "@ant-design/icons";
import type { ResourceModule } from "./types";
import { CategoryList } from "../pages/categories/list";
import { ProductList } from "../pages/products/list";
import { ProductCreate } from "../pages/products/create";
import { ProductEdit } from "../pages/products/edit";
import { ProductShow } from "../pages/products/show";
import { ApprovalList } from "../pages/approvals/list";

/**
 * The catalog: the category tree, products (supplier staff see their own, scoped by the API) and
 * the approvals queue (operators; hidden from roles that may not read approvals).
 */
const catalog: ResourceModule = {
  order: 100,
  resources: [
    { name: "catalog", meta: { icon: <AppstoreOutlined />, permissionResource: "products" } },
    { name: "products", list: "/products", create: "/products/create", edit: "/products/edit/:id", show: "/products/show/:id", meta: { parent: "catalog", icon: <ShoppingOutlined /> } },
    { name: "approvals", list: "/approvals", meta: { parent: "catalog", icon: <AuditOutlined /> } },
    { name: "categories", list: "/categories", meta: { parent: "catalog", icon: <ClusterOutlined />, listPermission: { resource: "category-tree", action: "read" } } },
  ],
  routes: (
    <>
      <Route path="/products">
        <Route index element={<ProductList />} />
        <Route path="create" element={<ProductCreate />} />
        <Route path="edit/:id" element={<ProductEdit />} />
        <Route path="show/:id" element={<ProductShow />} />
      </Route>
      <Route path="/approvals" element={<ApprovalList />} />
      <Route path="/categories" element={<CategoryList />} />
    </>
  ),
};

export default catalog;
