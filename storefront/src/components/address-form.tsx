import { useState } from "react";
import { api, type ApiError } from "../lib/api";
import type { Address } from "../lib/types";
import { useT, type MessageKey } from "../i18n";

/** A small address form; the API validates and answers field errors in details.fields. */
export function AddressForm({ onSaved }: { onSaved(a: Address): void }) {
  const t = useT();
  const [values, setValues] = useState({ name: "", phone: "", region: "", detail: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const field = (k: keyof typeof values, type = "text") => (
    <label className="field">
      <span>{t(`address.${k}` as MessageKey)}</span>
      <input
        type={type}
        name={k}
        value={values[k]}
        aria-invalid={!!errors[k]}
        aria-describedby={errors[k] ? `${k}-error` : undefined}
        onChange={(e) => setValues({ ...values, [k]: e.target.value })}
        required
      />
      {errors[k] && (
        <span className="field-error" id={`${k}-error`}>
          {errors[k]}
        </span>
      )}
    </label>
  );
  return (
    <form
      className="address-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        try {
          onSaved(await api<Address>("/addresses", { method: "POST", json: values }));
        } catch (err) {
          setErrors(((err as ApiError).details as { fields?: Record<string, string> })?.fields ?? { detail: (err as ApiError).message });
        } finally {
          setBusy(false);
        }
      }}
    >
      {field("name")}
      {field("phone", "tel")}
      {field("region")}
      {field("detail")}
      <button className="primary-button" type="submit" disabled={busy}>
        {t("address.save")}
      </button>
    </form>
  );
}
