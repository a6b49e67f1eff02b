import { useRef } from "react";
import { useTranslate } from "@refinedev/core";
import { Button, Col, Input, Row, Space, Tooltip, Typography, theme } from "antd";
import type { TextAreaRef } from "antd/es/input/TextArea";
import { BoldOutlined, FontSizeOutlined, ItalicOutlined, LinkOutlined, OrderedListOutlined, PictureOutlined, UnorderedListOutlined } from "@ant-design/icons";
// The same allow-list the API applies on save: the preview shows exactly what members will see.
import { sanitizeHtml } from "../../../../api/domain/catalog/sanitize-html";

interface Props {
  value?: string;
  onChange?: (value: string) => void;
  id?: string;
  testId?: string;
}

type Wrap = { before: string; after: string; placeholder: string };

/** The rendered description, as members see it (sanitised). */
export function RichPreview({ html, minHeight = 0 }: { html: string; minHeight?: number }) {
  const { token } = theme.useToken();
  return (
    <div
      className="pm-rich"
      style={{ minHeight, padding: "8px 12px", border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadius, background: token.colorFillQuaternary, overflowWrap: "anywhere" }}
      // Sanitised by the allow-list (and again by the server when saved).
      dangerouslySetInnerHTML={{ __html: sanitizeHtml(html) }}
    />
  );
}

/**
 * A small HTML editor: the source with a toolbar for the tags the mall allows, and a live preview of
 * the sanitised result beside it. Simpler to trust than a WYSIWYG widget, and what you see is what
 * is saved.
 */
export function HtmlEditor({ value = "", onChange, id, testId }: Props) {
  const t = useTranslate();
  const ref = useRef<TextAreaRef>(null);

  const apply = ({ before, after, placeholder }: Wrap) => {
    const el = ref.current?.resizableTextArea?.textArea;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    const selected = value.slice(start, end) || placeholder;
    const next = value.slice(0, start) + before + selected + after + value.slice(end);
    onChange?.(next);
    requestAnimationFrame(() => {
      if (!el) return;
      el.focus();
      el.setSelectionRange(start + before.length, start + before.length + selected.length);
    });
  };

  const tools: Array<{ key: string; icon: React.ReactNode; wrap: Wrap }> = [
    { key: "bold", icon: <BoldOutlined />, wrap: { before: "<strong>", after: "</strong>", placeholder: t("products.editor.text") } },
    { key: "italic", icon: <ItalicOutlined />, wrap: { before: "<em>", after: "</em>", placeholder: t("products.editor.text") } },
    { key: "heading", icon: <FontSizeOutlined />, wrap: { before: "<h4>", after: "</h4>\n", placeholder: t("products.editor.heading") } },
    { key: "bullets", icon: <UnorderedListOutlined />, wrap: { before: "<ul>\n  <li>", after: "</li>\n</ul>\n", placeholder: t("products.editor.item") } },
    { key: "numbers", icon: <OrderedListOutlined />, wrap: { before: "<ol>\n  <li>", after: "</li>\n</ol>\n", placeholder: t("products.editor.item") } },
    { key: "link", icon: <LinkOutlined />, wrap: { before: '<a href="https://">', after: "</a>", placeholder: t("products.editor.linkText") } },
    { key: "image", icon: <PictureOutlined />, wrap: { before: '<img src="', after: '">', placeholder: "https://" } },
  ];

  return (
    <Row gutter={12}>
      <Col xs={24} lg={12}>
        <Space size={4} style={{ marginBottom: 6 }} wrap>
          {tools.map((tool) => (
            <Tooltip key={tool.key} title={t(`products.editor.${tool.key}`)}>
              <Button size="small" icon={tool.icon} onClick={() => apply(tool.wrap)} aria-label={t(`products.editor.${tool.key}`)} />
            </Tooltip>
          ))}
        </Space>
        <Input.TextArea
          id={id}
          ref={ref}
          value={value}
          onChange={(e) => onChange?.(e.target.value)}
          autoSize={{ minRows: 8, maxRows: 20 }}
          style={{ fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace", fontSize: 13 }}
          placeholder={t("products.editor.placeholder")}
          data-testid={testId}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("products.editor.allowed")}
        </Typography.Text>
      </Col>
      <Col xs={24} lg={12}>
        <Typography.Text type="secondary" style={{ display: "block", marginBottom: 6, lineHeight: "24px" }}>
          {t("products.editor.preview")}
        </Typography.Text>
        {value.trim() ? <RichPreview html={value} minHeight={180} /> : <RichPreview html={`<p>${t("products.editor.empty")}</p>`} minHeight={180} />}
      </Col>
    </Row>
  );
}
