import { useMany } from "@refinedev/core";
import { Space, Typography } from "antd";
import { Link } from "react-router";
import type { Member } from "./types";

/** The members behind a page of rows (one request for the page), by id. */
export function useMembersById(ids: (number | null | undefined)[]) {
  const unique = [...new Set(ids.filter((id): id is number => id != null))];
  const { result } = useMany<Member>({ resource: "members", ids: unique, queryOptions: { enabled: unique.length > 0 }, errorNotification: false });
  const byId = new Map((result?.data ?? []).map((m) => [m.id, m]));
  return (id: number) => byId.get(id);
}

export function MemberLink({ id, member }: { id: number; member?: Member }) {
  return (
    <Link to={`/members/show/${id}`} data-member-id={id}>
      <Space size={4}>
        <span>{member?.nickname || `#${id}`}</span>
        {member && <Typography.Text type="secondary">{member.externalId}</Typography.Text>}
      </Space>
    </Link>
  );
}
