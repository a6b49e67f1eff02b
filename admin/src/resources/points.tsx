import { Route } from "react-router";
import { AuditOutlined, ControlOutlined, GiftOutlined, OrderedListOutlined, UserOutlined } from "@ant-design/icons";
import type { ResourceModule } from "./types";
import { MemberList } from "../pages/members/list";
import { MemberShow } from "../pages/members/show";
import { LedgerEntryList } from "../pages/ledger-entries/list";
import { ReviewList } from "../pages/reviews/list";
import { PointsPolicyPage } from "../pages/points-policy/edit";

const points: ResourceModule = {
  order: 200,
  resources: [
    // The menu group: shown to any role that may read members (Casbin has no "points read").
    { name: "points", meta: { icon: <GiftOutlined />, permissionResource: "members" } },
    { name: "members", list: "/members", show: "/members/show/:id", meta: { parent: "points", icon: <UserOutlined /> } },
    { name: "ledger-entries", list: "/ledger-entries", meta: { parent: "points", icon: <OrderedListOutlined /> } },
    { name: "reviews", list: "/reviews", meta: { parent: "points", icon: <AuditOutlined /> } },
    { name: "points-policy", list: "/points-policy", meta: { parent: "points", icon: <ControlOutlined /> } },
  ],
  routes: (
    <>
      <Route path="/members">
        <Route index element={<MemberList />} />
        <Route path="show/:id" element={<MemberShow />} />
      </Route>
      <Route path="/ledger-entries" element={<LedgerEntryList />} />
      <Route path="/reviews" element={<ReviewList />} />
      <Route path="/points-policy" element={<PointsPolicyPage />} />
    </>
  ),
};

export default points;
