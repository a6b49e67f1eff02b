import { useEffect, useMemo, useState } from "react";
import { useList, useMany, useTranslate, type CrudFilter } from "@refinedev/core";
import { App, Avatar, Button, Image, Select, Space, Tag, TreeSelect, Typography, Upload } from "antd";
import { DeleteOutlined, PictureOutlined, UploadOutlined } from "@ant-design/icons";
import { Link } from "react-router";
import { API_URL } from "../../providers/http";
import { useLocalText, ProductStatusTag } from "../catalog/product-bits";
import type { Product } from "../catalog/types";
import { useCategories } from "../catalog/use-categories";
import { CampaignStatusTag, TemplateTag } from "../campaigns/template-bits";
import { TEMPLATES, type Campaign, type Template } from "../campaigns/types";
import { formatPoints } from "../points/points-amount";
import type { PageSummary, Slot } from "./types";

/** The value typed into a search box, once typing pauses. */
function useDebounced<T>(value: T, ms = 250): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(id);
  }, [value, ms]);
  return v;
}

const uniqueById = <T extends { id: number }>(rows: T[]) => [...new Map(rows.map((r) => [r.id, r])).values()];

interface FieldProps<V> {
  value?: V;
  onChange?: (value: V) => void;
  id?: string;
  status?: "error" | "";
  disabled?: boolean;
}

/**
 * Products picked by hand for a grid, in the order picked: searched by name on the products API; the
 * chosen ones are fetched by id so their names show whatever the search says.
 */
export function ProductsPicker({ value, onChange, id, status, disabled, multiple = true }: FieldProps<number[]> & { multiple?: boolean }) {
  const t = useTranslate();
  const text = useLocalText();
  const [search, setSearch] = useState("");
  const q = useDebounced(search);
  const ids = value ?? [];
  const { result: chosen } = useMany<Product>({ resource: "products", ids, queryOptions: { enabled: ids.length > 0 }, errorNotification: false });
  const { result: found, query } = useList<Product>({
    resource: "products",
    filters: [{ field: "q", operator: "eq", value: q || undefined }],
    pagination: { pageSize: 30 },
    errorNotification: false,
  });
  const products = uniqueById([...(chosen?.data ?? []), ...(found?.data ?? [])]);
  const byId = new Map(products.map((p) => [p.id, p]));

  return (
    <Select<number[] | number>
      id={id}
      status={status}
      disabled={disabled}
      mode={multiple ? "multiple" : undefined}
      showSearch
      allowClear
      filterOption={false}
      onSearch={setSearch}
      loading={query.isFetching}
      value={multiple ? ids : ids[0]}
      onChange={(v) => onChange?.(v == null ? [] : Array.isArray(v) ? v : [v])}
      placeholder={t("storefront.pickers.searchProducts")}
      notFoundContent={query.isFetching ? t("common.loading") : t("storefront.pickers.noProducts")}
      options={products.map((p) => ({ value: p.id, label: text(p.name) || `#${p.id}` }))}
      optionRender={(option) => {
        const p = byId.get(option.value as number);
        if (!p) return option.label;
        return (
          <Space size={8} data-testid={`product-option-${p.id}`}>
            <Avatar shape="square" size={28} src={p.images[0]} icon={<PictureOutlined />} />
            <span>
              {text(p.name)}
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                {t("storefront.pickers.productMeta", { points: formatPoints(p.pointsPrice), stock: formatPoints(p.stock) })}
              </Typography.Text>
            </span>
            {p.status !== "on_sale" && <ProductStatusTag status={p.status} />}
          </Space>
        );
      }}
      style={{ width: "100%" }}
      data-testid="products-picker"
    />
  );
}

/** One product (a link's target), as the picker above. */
export function ProductPicker({ value, onChange, ...rest }: FieldProps<number | null>) {
  return <ProductsPicker {...rest} multiple={false} value={value ? [value] : []} onChange={(v) => onChange?.(v.at(-1) ?? null)} />;
}

/** The category tree, any level. */
export function CategoryPicker({ value, onChange, id, status, disabled }: FieldProps<number | null>) {
  const t = useTranslate();
  const { tree, isLoading } = useCategories();
  return (
    <TreeSelect
      id={id}
      status={status}
      disabled={disabled}
      loading={isLoading}
      value={value ?? undefined}
      onChange={(v) => onChange?.((v as number | undefined) ?? null)}
      treeData={tree}
      treeDefaultExpandAll
      showSearch
      treeNodeFilterProp="title"
      allowClear
      placeholder={t("storefront.pickers.chooseCategory")}
      style={{ width: "100%" }}
      data-testid="category-picker"
    />
  );
}

interface CampaignPickerProps extends FieldProps<number[]> {
  /** Only this template (flash strips: flash sales); otherwise the operator filters by template first. */
  template?: Template;
  multiple?: boolean;
}

/** Campaigns by template: the operator narrows to a template, then picks (drafts show, marked: members never see them). */
export function CampaignsPicker({ value, onChange, id, status, disabled, template: fixed, multiple = true }: CampaignPickerProps) {
  const t = useTranslate();
  const text = useLocalText();
  const ids = value ?? [];
  const [template, setTemplate] = useState<Template | undefined>(fixed);
  const [search, setSearch] = useState("");
  const q = useDebounced(search);
  const { result: chosen } = useMany<Campaign>({ resource: "campaigns", ids, queryOptions: { enabled: ids.length > 0 }, errorNotification: false });
  // Editing an existing entry: its campaign's template is the filter to start from.
  const firstTemplate = chosen?.data?.[0]?.template;
  useEffect(() => {
    if (!fixed && firstTemplate) setTemplate((cur) => cur ?? firstTemplate);
  }, [fixed, firstTemplate]);
  const filters: CrudFilter[] = [
    { field: "template", operator: "eq", value: template },
    { field: "q", operator: "eq", value: q || undefined },
  ];
  const { result: found, query } = useList<Campaign>({ resource: "campaigns", filters, pagination: { pageSize: 50 }, sorters: [{ field: "startAt", order: "desc" }], errorNotification: false });
  const campaigns = uniqueById([...(chosen?.data ?? []), ...(found?.data ?? [])]);
  const byId = new Map(campaigns.map((c) => [c.id, c]));

  return (
    <Space.Compact style={{ width: "100%" }}>
      {!fixed && (
        <Select<Template>
          aria-label={t("storefront.pickers.template")}
          allowClear
          disabled={disabled}
          value={template}
          onChange={(v) => setTemplate(v)}
          placeholder={t("storefront.pickers.allTemplates")}
          options={TEMPLATES.map((tpl) => ({ value: tpl, label: t(`campaigns.templates.${tpl}.name`) }))}
          style={{ width: 140, flex: "none" }}
          popupMatchSelectWidth={180}
          data-testid="campaign-template-filter"
        />
      )}
      <Select<number[] | number>
        id={id}
        status={status}
        disabled={disabled}
        mode={multiple ? "multiple" : undefined}
        showSearch
        allowClear
        filterOption={false}
        onSearch={setSearch}
        loading={query.isFetching}
        value={multiple ? ids : ids[0]}
        onChange={(v) => onChange?.(v == null ? [] : Array.isArray(v) ? v : [v])}
        placeholder={t(fixed === "flash_sale" ? "storefront.pickers.chooseFlashSales" : "storefront.pickers.chooseCampaign")}
        notFoundContent={query.isFetching ? t("common.loading") : t("storefront.pickers.noCampaigns")}
        options={campaigns.map((c) => ({ value: c.id, label: text(c.title) || `#${c.id}` }))}
        optionRender={(option) => {
          const c = byId.get(option.value as number);
          if (!c) return option.label;
          return (
            <Space size={6} wrap data-testid={`campaign-option-${c.id}`}>
              <span>{text(c.title)}</span>
              {!fixed && <TemplateTag template={c.template} />}
              <CampaignStatusTag campaign={c} />
            </Space>
          );
        }}
        style={{ width: "100%" }}
        popupMatchSelectWidth={420}
        data-testid={fixed === "flash_sale" ? "flash-sales-picker" : "campaign-picker"}
      />
    </Space.Compact>
  );
}

/** One campaign (a campaign entry, a link's target). */
export function CampaignPicker({ value, onChange, ...rest }: FieldProps<number | null> & { template?: Template }) {
  return <CampaignsPicker {...rest} multiple={false} value={value ? [value] : []} onChange={(v) => onChange?.(v.at(-1) ?? null)} />;
}

/** A banner slot by its code, with how many of its items show now. */
export function SlotPicker({ value, onChange, id, status, disabled }: FieldProps<string>) {
  const t = useTranslate();
  const text = useLocalText();
  const { result, query } = useList<Slot>({ resource: "slots", pagination: { mode: "off" }, errorNotification: false });
  const slots = result?.data ?? [];
  return (
    <Space direction="vertical" size={4} style={{ width: "100%" }}>
      <Select<string>
        id={id}
        status={status}
        disabled={disabled}
        loading={query.isLoading}
        value={value || undefined}
        onChange={(v) => onChange?.(v ?? "")}
        showSearch
        optionFilterProp="label"
        placeholder={t("storefront.pickers.chooseSlot")}
        notFoundContent={t("storefront.pickers.noSlots")}
        options={slots.map((s) => ({ value: s.code, label: `${text(s.name)} · ${s.code}` }))}
        optionRender={(option) => {
          const s = slots.find((x) => x.code === option.value);
          return (
            <Space size={6}>
              <span>{option.label}</span>
              {s && <Tag bordered={false} color={s.activeCount ? "green" : undefined}>{t("storefront.slots.activeOf", { active: s.activeCount, total: s.itemCount })}</Tag>}
            </Space>
          );
        }}
        style={{ width: "100%" }}
        data-testid="slot-picker"
      />
      <Link to="/slots" target="_blank">
        {t("storefront.pickers.manageSlots")}
      </Link>
    </Space>
  );
}

/** A page of this mall, by its path (links to topic pages). */
export function PagePathPicker({ value, onChange, id, status, disabled }: FieldProps<string>) {
  const t = useTranslate();
  const text = useLocalText();
  const { result, query } = useList<PageSummary>({ resource: "pages", pagination: { mode: "off" }, errorNotification: false });
  const options = useMemo(() => (result?.data ?? []).map((p) => ({ value: p.path, label: `${p.path} · ${text(p.title)}` })), [result, text]);
  return (
    <Select<string>
      id={id}
      status={status}
      disabled={disabled}
      loading={query.isLoading}
      value={value || undefined}
      onChange={(v) => onChange?.(v ?? "")}
      showSearch
      optionFilterProp="label"
      placeholder={t("storefront.pickers.choosePage")}
      options={options}
      style={{ width: "100%" }}
    />
  );
}

const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"];
const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/**
 * One picture (a banner, an icon, a logo): uploaded to /api/admin/uploads (the server checks type and
 * size again) and kept as its URL; uploading again replaces it.
 */
export function SingleImageUpload({ value, onChange, id, disabled, size = 72, testId }: FieldProps<string> & { size?: number; testId?: string }) {
  const t = useTranslate();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Space align="center" size={12} id={id} data-testid={testId}>
      <div style={{ width: size, height: size, borderRadius: 8, overflow: "hidden", border: "1px dashed rgba(0,0,0,.2)", display: "grid", placeItems: "center", flex: "none" }}>
        {value ? <Image src={value} width={size} height={size} style={{ objectFit: "cover" }} alt="" /> : <PictureOutlined style={{ fontSize: size / 3, opacity: 0.35 }} />}
      </div>
      <Space direction="vertical" size={4}>
        <Upload
          name="file"
          action={`${API_URL}/uploads`}
          withCredentials
          headers={{ "X-Requested-With": "pointmall-admin" }}
          accept={IMAGE_TYPES.join(",")}
          showUploadList={false}
          disabled={disabled}
          beforeUpload={(file) => {
            if (!IMAGE_TYPES.includes(file.type)) {
              void message.error(t("products.images.wrongType", { name: file.name }));
              return Upload.LIST_IGNORE;
            }
            if (file.size > MAX_IMAGE_BYTES) {
              void message.error(t("products.images.tooLarge", { name: file.name }));
              return Upload.LIST_IGNORE;
            }
            return true;
          }}
          onChange={({ file }) => {
            setBusy(file.status === "uploading");
            if (file.status === "done") {
              const url = (file.response as { url?: string } | undefined)?.url;
              if (url) onChange?.(url);
            }
            if (file.status === "error") void message.error((file.response as { message?: string } | undefined)?.message ?? t("products.images.failed", { name: file.name }));
          }}
        >
          <Button size="small" icon={<UploadOutlined />} loading={busy} disabled={disabled}>
            {t(value ? "storefront.pickers.replaceImage" : "storefront.pickers.uploadImage")}
          </Button>
        </Upload>
        {value && !disabled && (
          <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => onChange?.("")}>
            {t("storefront.pickers.removeImage")}
          </Button>
        )}
      </Space>
    </Space>
  );
}
