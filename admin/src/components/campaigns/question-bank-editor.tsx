import { useTranslate } from "@refinedev/core";
import { Button, Card, Checkbox, Col, Empty, Form, Input, Radio, Row, Space, Tag, Typography, type FormInstance } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import type { Question } from "./types";

const LETTERS = "abcdefgh".split("");
export const MAX_OPTIONS = 8;

/** The first letter no option of the question uses yet. */
const nextId = (options: { id: string }[]) => LETTERS.find((l) => !options.some((o) => o?.id === l)) ?? String(options.length + 1);

export const newQuestion = (): Question => ({
  text: { "zh-CN": "", "en-US": "" },
  kind: "single",
  options: [
    { id: "a", text: { "zh-CN": "", "en-US": "" } },
    { id: "b", text: { "zh-CN": "", "en-US": "" } },
  ],
  correct: ["a"],
});

/** A single-choice question's one right answer, held as the API's list of ids. */
const singleCorrect = {
  getValueProps: (v: string[] | undefined) => ({ value: v?.[0] }),
  normalize: (v: unknown) => (Array.isArray(v) ? v : v == null ? [] : [String((v as { target?: { value: string } }).target?.value ?? v)]),
};

/**
 * The quiz's question bank: single or multiple choice, options in two languages, and which options
 * are right. Members never see the right answers; the server marks the answers.
 */
export function QuestionBankEditor({ form, disabled }: { form: FormInstance; disabled?: boolean }) {
  const t = useTranslate();
  const questions = (Form.useWatch("questions", form) as Question[] | undefined) ?? [];
  const perEntry = (Form.useWatch(["config", "questionsPerEntry"], form) as number | undefined) ?? 5;

  return (
    <Form.List
      name="questions"
      rules={[
        {
          validator: async (_, list: Question[] | undefined) => {
            if ((list?.length ?? 0) === 0) throw new Error(t("campaigns.quiz.bankEmpty"));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Space direction="vertical" style={{ width: "100%" }} size={12}>
          <Typography.Text type={questions.length < perEntry ? "warning" : "secondary"} data-testid="bank-size">
            {t("campaigns.quiz.bankSize", { count: questions.length, perEntry })}
          </Typography.Text>
          {fields.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("campaigns.quiz.bankEmpty")} />}
          {fields.map((field, qi) => {
            const q = questions[qi] ?? newQuestion();
            const options = (q.options ?? []).filter(Boolean);
            return (
              <Card
                key={field.key}
                size="small"
                data-testid={`question-${qi}`}
                title={
                  <Space>
                    <Typography.Text strong>{t("campaigns.quiz.questionN", { n: qi + 1 })}</Typography.Text>
                    <Form.Item name={[field.name, "kind"]} noStyle>
                      <Radio.Group
                        size="small"
                        optionType="button"
                        disabled={disabled}
                        options={[
                          { value: "single", label: t("campaigns.quiz.single") },
                          { value: "multiple", label: t("campaigns.quiz.multiple") },
                        ]}
                        onChange={(e) => {
                          // Switching to single choice keeps only the first right answer.
                          if (e.target.value === "single") form.setFieldValue(["questions", field.name, "correct"], (q.correct ?? []).slice(0, 1));
                        }}
                      />
                    </Form.Item>
                  </Space>
                }
                extra={!disabled && <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t("campaigns.quiz.removeQuestion")} />}
              >
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name={[field.name, "text", "zh-CN"]}
                      label={t("campaigns.quiz.textZh")}
                      rules={[{ max: 300 }, { validator: async (_, v: string) => { if (!v?.trim() && !form.getFieldValue(["questions", field.name, "text", "en-US"])?.trim()) throw new Error(t("campaigns.quiz.textRequired")); } }]}
                    >
                      <Input.TextArea disabled={disabled} autoSize={{ minRows: 1, maxRows: 3 }} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={[field.name, "text", "en-US"]} label={t("campaigns.quiz.textEn")} rules={[{ max: 300 }]}>
                      <Input.TextArea disabled={disabled} autoSize={{ minRows: 1, maxRows: 3 }} />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.List name={[field.name, "options"]}>
                  {(optFields, { add: addOption, remove: removeOption }) => (
                    <div style={{ display: "grid", gap: 8, marginBottom: 12 }}>
                      {optFields.map((of, oi) => (
                        <Row key={of.key} gutter={8} align="middle" wrap={false}>
                          <Col flex="none">
                            <Tag style={{ width: 28, textAlign: "center", textTransform: "uppercase" }}>{options[oi]?.id}</Tag>
                            <Form.Item name={[of.name, "id"]} hidden>
                              <Input />
                            </Form.Item>
                          </Col>
                          <Col flex="auto">
                            <Form.Item name={[of.name, "text", "zh-CN"]} noStyle rules={[{ max: 120 }]}>
                              <Input disabled={disabled} placeholder={t("campaigns.quiz.optionZh")} />
                            </Form.Item>
                          </Col>
                          <Col flex="auto">
                            <Form.Item name={[of.name, "text", "en-US"]} noStyle rules={[{ max: 120 }]}>
                              <Input disabled={disabled} placeholder={t("campaigns.quiz.optionEn")} />
                            </Form.Item>
                          </Col>
                          <Col flex="none">
                            <Button
                              size="small"
                              type="text"
                              icon={<DeleteOutlined />}
                              disabled={disabled || optFields.length <= 2}
                              aria-label={t("campaigns.quiz.removeOption")}
                              onClick={() => {
                                const gone = options[oi]?.id;
                                removeOption(of.name);
                                form.setFieldValue(["questions", field.name, "correct"], (q.correct ?? []).filter((c) => c !== gone));
                              }}
                            />
                          </Col>
                        </Row>
                      ))}
                      {!disabled && optFields.length < MAX_OPTIONS && (
                        <Button size="small" type="dashed" icon={<PlusOutlined />} style={{ justifySelf: "start" }} onClick={() => addOption({ id: nextId(options), text: { "zh-CN": "", "en-US": "" } })}>
                          {t("campaigns.quiz.addOption")}
                        </Button>
                      )}
                    </div>
                  )}
                </Form.List>
                <Form.Item
                  name={[field.name, "correct"]}
                  label={q.kind === "multiple" ? t("campaigns.quiz.correctMultiple") : t("campaigns.quiz.correctSingle")}
                  rules={[{ validator: async (_, v: string[] | undefined) => { if (!v?.length) throw new Error(t("campaigns.quiz.correctRequired")); } }]}
                  {...(q.kind === "multiple" ? {} : singleCorrect)}
                >
                  {q.kind === "multiple" ? (
                    <Checkbox.Group disabled={disabled} options={options.map((o) => ({ value: o.id, label: o.id.toUpperCase() }))} />
                  ) : (
                    <Radio.Group disabled={disabled} options={options.map((o) => ({ value: o.id, label: o.id.toUpperCase() }))} />
                  )}
                </Form.Item>
              </Card>
            );
          })}
          <Form.ErrorList errors={errors} />
          {!disabled && (
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add(newQuestion())} data-testid="add-question">
              {t("campaigns.quiz.addQuestion")}
            </Button>
          )}
        </Space>
      )}
    </Form.List>
  );
}
