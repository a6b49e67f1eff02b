import { describe, expect, it } from "vitest";
import { maskAddress, maskEmail, maskName, maskPersonalFields, maskPhone } from "./masking";

/** How many characters of `original` a masked string still shows (the non-* characters). */
const shown = (masked: string) => masked.replace(/\*/g, "").length;

describe("maskPhone", () => {
  it("keeps the first 3 and last 4 digits of a mainland mobile number", () => {
    expect(maskPhone("13812345678")).toBe("138****5678");
  });

  it("ignores spaces in the stored number", () => {
    expect(maskPhone("138 1234 5678")).toBe("138****5678");
  });

  it("keeps the country code of an international number and hides the middle", () => {
    expect(maskPhone("+8613812345678")).toBe("+86****5678");
  });

  it("hides a number of 4 digits or fewer entirely", () => {
    expect(maskPhone("1234")).toBe("****");
    expect(maskPhone("110")).toBe("***");
  });

  it("shows only the first and last two digits of a short number", () => {
    expect(maskPhone("12345")).toBe("1**45");
    expect(maskPhone("1234567")).toBe("1****67");
  });

  it("masks a 10-digit service number as first digit, stars, last two", () => {
    expect(maskPhone("4008001234")).toBe("4*******34");
  });

  it.each(["12345678", "123456789", "4008001234"])("shows at most 3 digits of an 8 to 10 digit number such as %s, and keeps its length", (phone) => {
    const masked = maskPhone(phone);
    expect(masked).toHaveLength(phone.length);
    expect(shown(masked)).toBeLessThanOrEqual(3);
  });

  it("returns an empty string for empty, null and undefined", () => {
    expect(maskPhone("")).toBe("");
    expect(maskPhone(null)).toBe("");
    expect(maskPhone(undefined)).toBe("");
  });
});

describe("maskEmail", () => {
  it("keeps the first letter of the mailbox and the whole domain", () => {
    expect(maskEmail("wang.lei@digital.example")).toBe("w***@digital.example");
  });

  it("hides a one-letter mailbox entirely", () => {
    expect(maskEmail("a@x.com")).toBe("*@x.com");
  });

  it("masks a value without @ like a phone number rather than showing it", () => {
    expect(maskEmail("13812345678")).toBe("138****5678");
  });

  it("returns an empty string for empty, null and undefined", () => {
    expect(maskEmail("")).toBe("");
    expect(maskEmail(null)).toBe("");
    expect(maskEmail(undefined)).toBe("");
  });
});

describe("maskAddress", () => {
  it("keeps the region and hides the street", () => {
    expect(maskAddress("上海市浦东新区世纪大道100号")).toBe("上海市浦东新****");
  });

  it("hides a short address entirely", () => {
    expect(maskAddress("北京市朝阳区")).toBe("****");
  });

  it("returns an empty string for empty, null and undefined", () => {
    expect(maskAddress("")).toBe("");
    expect(maskAddress(null)).toBe("");
    expect(maskAddress(undefined)).toBe("");
  });
});

describe("maskName", () => {
  it("keeps the family name of a Chinese name", () => {
    expect(maskName("王磊")).toBe("王*");
    expect(maskName("欧阳娜娜")).toBe("欧***");
  });

  it("caps the stars at three so the length of a long name is not revealed", () => {
    expect(maskName("Alexandria")).toBe("A***");
  });

  it("hides a one-character name entirely", () => {
    expect(maskName("李")).toBe("*");
  });

  it("counts characters, not UTF-16 units, so an emoji is not split", () => {
    expect(maskName("😀Li")).toBe("😀**");
  });

  it("returns an empty string for empty, null and undefined", () => {
    expect(maskName("")).toBe("");
    expect(maskName(null)).toBe("");
    expect(maskName(undefined)).toBe("");
  });
});

describe("maskPersonalFields", () => {
  it("masks personal fields by name at any depth and leaves the rest as is", () => {
    const record = {
      id: 3,
      name: "Digital Select",
      contactPhone: "13812345678",
      contactEmail: "wang.lei@digital.example",
      settlement: { bankName: "招商银行", accountNumber: "6225880112345678" },
      people: [{ phone: "13900001111", email: "li@x.com", address: "上海市浦东新区世纪大道100号" }],
    };
    expect(maskPersonalFields(record)).toEqual({
      id: 3,
      name: "Digital Select",
      contactPhone: "138****5678",
      contactEmail: "w***@digital.example",
      settlement: { bankName: "招商银行", accountNumber: "****5678" },
      people: [{ phone: "139****1111", email: "l***@x.com", address: "上海市浦东新****" }],
    });
  });

  it("leaves empty values, non-strings and non-objects alone", () => {
    expect(maskPersonalFields({ phone: "", accountNumber: "", email: null, address: 5 })).toEqual({ phone: "", accountNumber: "", email: null, address: 5 });
    expect(maskPersonalFields(null)).toBeNull();
    expect(maskPersonalFields("13812345678")).toBe("13812345678");
  });

  it("treats keys such as constructor as ordinary data", () => {
    expect(maskPersonalFields({ constructor: "x", toString: "y" })).toEqual({ constructor: "x", toString: "y" });
  });

  it("does not change the value it was given", () => {
    const record = { phone: "13812345678" };
    maskPersonalFields(record);
    expect(record.phone).toBe("13812345678");
  });
});
