import { describe, expect, it } from "vitest";
import { htmlToText, sanitizeHtml } from "./sanitize-html";

describe("sanitizeHtml", () => {
  it("keeps the allowed subset as written", () => {
    const html = "<h3>规格</h3><p>Bluetooth <b>5.3</b>, <strong>40 h</strong> <i>battery</i> <em>life</em><br>ANC</p><ul><li>one</li></ul><ol><li>two</li></ol><h4>x</h4>";
    expect(sanitizeHtml(html)).toBe(html);
  });

  it("drops scripts, styles and frames with their content", () => {
    expect(sanitizeHtml('<p>a</p><script>alert(1)</script><style>p{}</style><iframe src="https://x"></iframe><p>b</p>')).toBe("<p>a</p><p>b</p>");
    expect(sanitizeHtml("<SCRIPT >alert(1)</SCRIPT >ok")).toBe("ok");
    expect(sanitizeHtml("<svg><script>alert(1)</script></svg>ok")).toBe("ok");
    expect(sanitizeHtml("<script>never closed")).toBe("");
  });

  it("drops unknown tags but keeps their text", () => {
    expect(sanitizeHtml('<div class="x"><span>hello</span> <u>world</u></div>')).toBe("hello world");
  });

  it("removes event handlers and every attribute not on the list", () => {
    expect(sanitizeHtml('<p onclick="alert(1)" style="color:red" class="a">x</p>')).toBe("<p>x</p>");
    expect(sanitizeHtml('<img src="https://cdn.example/a.png" onerror="alert(1)" width="10">')).toBe('<img src="https://cdn.example/a.png">');
  });

  it("allows only http(s) links, opened safely", () => {
    expect(sanitizeHtml('<a href="https://example.com/?a=1&amp;b=2">x</a>')).toBe(
      '<a href="https://example.com/?a=1&amp;b=2" rel="nofollow noopener noreferrer" target="_blank">x</a>',
    );
    for (const bad of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java&#x09;script:alert(1)", "&#106;avascript:alert(1)", "data:text/html,<script>", "//evil.example", "/relative", "vbscript:x"])
      expect(sanitizeHtml(`<a href="${bad}">x</a>`)).toBe("<a>x</a>");
  });

  it("allows images from http(s) and this server's uploads only", () => {
    expect(sanitizeHtml('<img src="/uploads/abc.png" alt="a &quot;b&quot;">')).toBe('<img src="/uploads/abc.png" alt="a &quot;b&quot;">');
    expect(sanitizeHtml('<img src="data:image/svg+xml;base64,PHN2Zz4=">')).toBe("");
    expect(sanitizeHtml('<img src="/uploads/../etc/passwd">')).toBe("");
    expect(sanitizeHtml("<img>")).toBe("");
  });

  it("cannot be tricked by quotes, broken tags or attributes that close the tag", () => {
    expect(sanitizeHtml('<a href="https://x.example/" title=">"><b>t</b></a>')).toBe('<a href="https://x.example/" rel="nofollow noopener noreferrer" target="_blank"><b>t</b></a>');
    // A stray quote opens a quoted run to the end: the whole tag is dropped.
    expect(sanitizeHtml('<img src="https://x.example/a.png"" onerror=alert(1)>')).toBe("");
    expect(sanitizeHtml("<p>1 < 2 > 0 & done</p>")).toBe("<p>1 &lt; 2 &gt; 0 &amp; done</p>");
    expect(sanitizeHtml("<<script>x</script>b")).toBe("&lt;b");
    expect(sanitizeHtml("<p unterminated")).toBe("");
    expect(sanitizeHtml("<!-- <script>alert(1)</script> -->ok")).toBe("ok");
  });

  it("closes what was left open and ignores stray closing tags", () => {
    expect(sanitizeHtml("<p><b>bold")).toBe("<p><b>bold</b></p>");
    expect(sanitizeHtml("</p>text</b>")).toBe("text");
    expect(sanitizeHtml("<ul><li>a<li>b</ul>")).toBe("<ul><li>a<li>b</li></li></ul>");
  });

  it("keeps entities in text and is idempotent", () => {
    const once = sanitizeHtml("<p>&copy; 2026 &amp; Tom &#20013;</p><a href='https://a.example'>x</a>");
    expect(once).toBe('<p>&copy; 2026 &amp; Tom &#20013;</p><a href="https://a.example" rel="nofollow noopener noreferrer" target="_blank">x</a>');
    expect(sanitizeHtml(once)).toBe(once);
  });

  it("turns sanitised HTML into plain text", () => {
    expect(htmlToText("<h3>规格</h3><p>a &amp; b<br>c</p>")).toBe("规格\na & b\nc");
  });
});
