import { Route } from "react-router";
import { BgColorsOutlined, FileOutlined, FundProjectionScreenOutlined, SkinOutlined } from "@ant-design/icons";
import type { ResourceModule } from "./types";
import { PageList } from "../pages/pages/list";
import { PageEditor } from "../pages/pages/edit";
import { SlotList } from "../pages/slots/list";
import { SlotShow } from "../pages/slots/show";
import { ThemeList } from "../pages/themes/list";

/**
 * The storefront (店铺装修): pages built from blocks, with versions and a live phone preview; banner
 * slots and their scheduled items; themes. The group shows to roles that may read pages; the editor's
 * buttons follow the pages/slots/themes policy lines.
 */
const storefront: ResourceModule = {
  order: 450,
  resources: [
    { name: "storefront", meta: { icon: <SkinOutlined />, permissionResource: "pages" } },
    { name: "pages", list: "/pages", edit: "/pages/edit/:id", meta: { parent: "storefront", icon: <FileOutlined /> } },
    { name: "slots", list: "/slots", show: "/slots/show/:id", meta: { parent: "storefront", icon: <FundProjectionScreenOutlined /> } },
    { name: "themes", list: "/themes", meta: { parent: "storefront", icon: <BgColorsOutlined /> } },
  ],
  routes: (
    <>
      <Route path="/pages">
        <Route index element={<PageList />} />
        <Route path="edit/:id" element={<PageEditor />} />
      </Route>
      <Route path="/slots">
        <Route index element={<SlotList />} />
        <Route path="show/:id" element={<SlotShow />} />
      </Route>
      <Route path="/themes" element={<ThemeList />} />
    </>
  ),
};

export default storefront;
