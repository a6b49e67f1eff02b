import { useState } from "react";
import { api } from "../lib/api";
import { useApi } from "../lib/use-api";
import type { Address } from "../lib/types";
import { useT } from "../i18n";
import { AddressForm } from "../components/address-form";
import { Empty, ErrorState, Skeleton } from "../components/states";
import { SignInNeeded } from "./me";

export function AddressesPage() {
  const t = useT();
  const list = useApi<Address[]>("/addresses");
  const [adding, setAdding] = useState(false);
  if (list.status === "loading") return <Skeleton rows={3} />;
  if (list.status === "error") return list.error.status === 401 ? <SignInNeeded /> : <ErrorState error={list.error} onRetry={list.reload} />;
  return (
    <div className="stack">
      <h1 className="page-title">{t("address.title")}</h1>
      {list.data.length === 0 && <Empty text={t("redeem.noAddress")} />}
      {list.data.map((a) => (
        <section key={a.id} className="card row-between">
          <div>
            <strong>{a.name}</strong> {a.phone} {a.isDefault && <span className="tag">{t("address.default")}</span>}
            <div className="small muted">
              {a.region} {a.detail}
            </div>
          </div>
          <button className="link-danger" onClick={() => window.confirm(`${t("address.delete")}?`) && api(`/addresses/${a.id}`, { method: "DELETE" }).then(list.reload)}>
            {t("address.delete")}
          </button>
        </section>
      ))}
      {adding ? (
        <section className="card">
          <AddressForm
            onSaved={() => {
              setAdding(false);
              list.reload();
            }}
          />
        </section>
      ) : (
        <button className="ghost-button" onClick={() => setAdding(true)}>
          {t("redeem.addAddress")}
        </button>
      )}
    </div>
  );
}
