import { useState } from "react";
import { useApi } from "../lib/use-api";
import type { Address } from "../lib/types";
import { useT } from "../i18n";
import { AddressForm } from "./address-form";

/** The member's addresses and the one chosen (the default until they pick another). */
export function useAddressChoice(enabled = true) {
  const addresses = useApi<Address[]>(enabled ? "/addresses" : null);
  const [addressId, setAddressId] = useState<number | null>(null);
  const list = addresses.status === "ready" ? addresses.data : [];
  const chosen = addressId ?? list.find((a) => a.isDefault)?.id ?? list[0]?.id ?? null;
  return { list, chosen, choose: setAddressId, reload: addresses.reload };
}

export type AddressChoice = ReturnType<typeof useAddressChoice>;

/** Choose a delivery address, or add one on the spot (redeeming, buying in a flash sale). */
export function AddressPicker({ choice }: { choice: AddressChoice }) {
  const t = useT();
  const [adding, setAdding] = useState(false);
  const { list, chosen } = choice;
  return (
    <section className="card" aria-labelledby="address-title">
      <h2 id="address-title" className="card-title">
        {t("redeem.address")}
      </h2>
      {list.length === 0 && !adding && <p className="muted small">{t("redeem.noAddress")}</p>}
      <div role="radiogroup" aria-labelledby="address-title" className="address-list">
        {list.map((a) => (
          <label key={a.id} className={chosen === a.id ? "address-option active" : "address-option"}>
            <input type="radio" name="address" checked={chosen === a.id} onChange={() => choice.choose(a.id)} />
            <span>
              <strong>{a.name}</strong> {a.phone}
              <br />
              <span className="muted small">
                {a.region} {a.detail}
              </span>
            </span>
          </label>
        ))}
      </div>
      {adding ? (
        <AddressForm
          onSaved={(a) => {
            setAdding(false);
            choice.choose(a.id);
            choice.reload();
          }}
        />
      ) : (
        <button className="ghost-button" onClick={() => setAdding(true)}>
          {t("redeem.addAddress")}
        </button>
      )}
    </section>
  );
}
