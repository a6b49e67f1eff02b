import type { ReactNode } from "react";
import { useTranslate } from "@refinedev/core";
import { Button, Card, Col, Form, Input, InputNumber, Radio, Row, Space, Tabs, Tooltip, Typography } from "antd";
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { NO_LINK, problemAt } from "./blocks";
import { LinkEditor } from "./link-editor";
import { CampaignPicker, CampaignsPicker, CategoryPicker, ProductsPicker, SingleImageUpload, SlotPicker } from "./pickers";
import { localizeProblem } from "./problems";
import type { PageBlock } from "./types";

interface Props {
  block: PageBlock;
  /** This block's problems from the API, by field path inside the block. */
  problems?: Record<string, string>;
  onChange: (block: PageBlock) => void;
  disabled?: boolean;
}

const LANGS = ["zh-CN", "en-US"] as const;

/**
 * The settings of one block, in a form made for its type. Every change goes straight to the editor
 * (which saves nothing until "Save draft", but refreshes the preview); the API's problems for this
 * block show under the fields they name.
 */
export function BlockSettings({ block, problems, onChange, disabled }: Props) {
  const t = useTranslate();
  const [form] = Form.useForm();

  /** The API's problem for a field (or anything inside it), as Form.Item props. */
  const check = (path: string) => {
    const message = problemAt(problems, path);
    return message ? { validateStatus: "error" as const, help: localizeProblem(message, t) } : {};
  };
  const status = (path: string) => (problemAt(problems, path) ? ("error" as const) : ("" as const));

  /** A text in both languages: two inputs side by side. */
  const localText = (field: string, label: string, opts: { max: number; area?: boolean; placeholder?: string; extra?: ReactNode } = { max: 40 }) => (
    <Row gutter={12}>
      {LANGS.map((lang) => (
        <Col span={12} key={lang}>
          <Form.Item name={[field, lang]} label={`${label} · ${t(`storefront.lang.${lang}`)}`} {...check(`${field}.${lang}`)} extra={lang === "zh-CN" ? opts.extra : undefined}>
            {opts.area ? (
              <Input.TextArea maxLength={opts.max} showCount autoSize={{ minRows: 2, maxRows: 5 }} placeholder={opts.placeholder} />
            ) : (
              <Input maxLength={opts.max} placeholder={opts.placeholder} />
            )}
          </Form.Item>
        </Col>
      ))}
    </Row>
  );

  const linkItem = (name: string | (string | number)[], path: string, label = t("storefront.fields.link")) => (
    <Form.Item name={name} label={label} {...check(path)}>
      <LinkEditor status={status(path)} />
    </Form.Item>
  );

  let fields: ReactNode;
  switch (block.type) {
    case "banner":
      fields = (
        <>
          <Form.Item name="slotCode" label={t("storefront.fields.slot")} extra={t("storefront.hints.slot")} {...check("slotCode")}>
            <SlotPicker status={status("slotCode")} />
          </Form.Item>
          <Form.Item name="height" label={t("storefront.fields.height")} extra={t("storefront.hints.height")} {...check("height")}>
            <InputNumber min={80} max={400} precision={0} placeholder="150" addonAfter="px" style={{ width: 160 }} />
          </Form.Item>
        </>
      );
      break;
    case "icon_grid":
      fields = (
        <>
          <Form.Item name="columns" label={t("storefront.fields.iconColumns")} {...check("columns")}>
            <Radio.Group optionType="button" options={[3, 4, 5].map((n) => ({ value: n, label: String(n) }))} />
          </Form.Item>
          <Form.List name="items">
            {(items, { add, remove, move }) => (
              <Space direction="vertical" size={8} style={{ width: "100%" }}>
                {items.map((item, i) => (
                  <Card
                    key={item.key}
                    size="small"
                    title={t("storefront.fields.iconN", { n: i + 1 })}
                    extra={
                      <Space size={2}>
                        <Tooltip title={t("storefront.editor.moveUp")}>
                          <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={t("storefront.editor.moveUp")} />
                        </Tooltip>
                        <Tooltip title={t("storefront.editor.moveDown")}>
                          <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={i === items.length - 1} onClick={() => move(i, i + 1)} aria-label={t("storefront.editor.moveDown")} />
                        </Tooltip>
                        <Tooltip title={t("storefront.fields.removeIcon")}>
                          <Button size="small" type="text" danger icon={<DeleteOutlined />} disabled={items.length === 1} onClick={() => remove(item.name)} aria-label={t("storefront.fields.removeIcon")} />
                        </Tooltip>
                      </Space>
                    }
                  >
                    <Row gutter={12}>
                      <Col flex="none">
                        <Form.Item name={[item.name, "icon"]} label={t("storefront.fields.icon")} {...check(`items.${i}.icon`)}>
                          <SingleImageUpload size={56} />
                        </Form.Item>
                      </Col>
                      <Col flex="auto">
                        <Row gutter={8}>
                          {LANGS.map((lang) => (
                            <Col span={12} key={lang}>
                              <Form.Item name={[item.name, "label", lang]} label={`${t("storefront.fields.label")} · ${t(`storefront.lang.${lang}`)}`} {...check(`items.${i}.label.${lang}`)}>
                                <Input maxLength={12} />
                              </Form.Item>
                            </Col>
                          ))}
                        </Row>
                      </Col>
                    </Row>
                    {linkItem([item.name, "link"], `items.${i}.link`)}
                  </Card>
                ))}
                {items.length < 20 && (
                  <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ icon: "", label: { "zh-CN": "", "en-US": "" }, link: NO_LINK() })}>
                    {t("storefront.fields.addIcon")}
                  </Button>
                )}
                {problems?.items && <Typography.Text type="danger">{localizeProblem(problems.items, t)}</Typography.Text>}
              </Space>
            )}
          </Form.List>
        </>
      );
      break;
    case "product_grid": {
      fields = (
        <>
          {localText("title", t("storefront.fields.gridTitle"), { max: 40, placeholder: t("storefront.hints.optional") })}
          <Form.Item name="source" label={t("storefront.fields.source")}>
            <Radio.Group optionType="button" options={(["manual", "category", "tag"] as const).map((s) => ({ value: s, label: t(`storefront.sources.${s}`) }))} data-testid="grid-source" />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.source !== b.source}>
            {({ getFieldValue }) => {
              const source = getFieldValue("source");
              if (source === "category")
                return (
                  <Form.Item name="categoryId" label={t("storefront.fields.category")} extra={t("storefront.hints.category")} {...check("categoryId")}>
                    <CategoryPicker status={status("categoryId")} />
                  </Form.Item>
                );
              if (source === "tag")
                return (
                  <Form.Item name="tag" label={t("storefront.fields.tag")} extra={t("storefront.hints.tag")} {...check("tag")}>
                    <Input maxLength={20} style={{ maxWidth: 240 }} />
                  </Form.Item>
                );
              return (
                <Form.Item name="productIds" label={t("storefront.fields.products")} extra={t("storefront.hints.products")} {...check("productIds")}>
                  <ProductsPicker status={status("productIds")} />
                </Form.Item>
              );
            }}
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="limit" label={t("storefront.fields.limit")} {...check("limit")}>
                <InputNumber min={1} max={50} precision={0} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="columns" label={t("storefront.fields.columns")} {...check("columns")}>
                <Radio.Group optionType="button" options={[2, 3].map((n) => ({ value: n, label: String(n) }))} />
              </Form.Item>
            </Col>
          </Row>
        </>
      );
      break;
    }
    case "campaign_entry":
      fields = (
        <>
          <Form.Item name="campaignId" label={t("storefront.fields.campaign")} extra={t("storefront.hints.campaign")} {...check("campaignId")}>
            <CampaignPicker status={status("campaignId")} />
          </Form.Item>
          {localText("title", t("storefront.fields.entryTitle"), { max: 40, placeholder: t("storefront.hints.campaignTitle") })}
          <Form.Item name="image" label={t("storefront.fields.entryImage")} extra={t("storefront.hints.entryImage")} {...check("image")}>
            <SingleImageUpload />
          </Form.Item>
        </>
      );
      break;
    case "flash_strip":
      fields = (
        <>
          {localText("title", t("storefront.fields.stripTitle"), { max: 20 })}
          <Form.Item name="campaignIds" label={t("storefront.fields.flashSales")} extra={t("storefront.hints.flashSales")} {...check("campaignIds")}>
            <CampaignsPicker template="flash_sale" status={status("campaignIds")} />
          </Form.Item>
        </>
      );
      break;
    case "notice":
      fields = (
        <>
          {localText("text", t("storefront.fields.noticeText"), { max: 200, area: true })}
          {linkItem("link", "link")}
        </>
      );
      break;
    case "rich_text":
      fields = (
        <Tabs
          size="small"
          items={LANGS.map((lang) => ({
            key: lang,
            label: t(`storefront.lang.${lang}`),
            forceRender: true,
            children: (
              <Form.Item name={["html", lang]} extra={t("storefront.hints.html")} {...check(`html.${lang}`)}>
                <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} style={{ fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace", fontSize: 13 }} placeholder="<h4>…</h4><p>…</p>" />
              </Form.Item>
            ),
          }))}
        />
      );
      break;
    case "image":
      fields = (
        <>
          <Form.Item name="url" label={t("storefront.fields.picture")} {...check("url")}>
            <SingleImageUpload size={96} />
          </Form.Item>
          {localText("alt", t("storefront.fields.alt"), { max: 100, extra: t("storefront.hints.alt") })}
          {linkItem("link", "link")}
        </>
      );
      break;
  }

  return (
    <Form
      form={form}
      name="block"
      layout="vertical"
      size="middle"
      disabled={disabled}
      initialValues={block}
      onValuesChange={(_, all) => onChange({ ...block, ...all } as PageBlock)}
      data-testid={`block-settings-${block.type}`}
      style={{ paddingTop: 4 }}
    >
      {fields}
      {problems?.[""] && <Typography.Text type="danger">{localizeProblem(problems[""], t)}</Typography.Text>}
    </Form>
  );
}
