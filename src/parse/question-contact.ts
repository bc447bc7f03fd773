// A question that asks how to reach the office (电话, 地址, 邮箱): no figure of a report but a line of
// its text. Such a question is searched, never answered with a number ("电话是多少" had been read as
// a count: "没有给出‘政务公开办公室电话’的数字"), and only passages that give one answer it.

import { COUNT_UNITS, PROSE_UNITS, unitAlternation } from "./numbers.js";

export interface Contact {
  /** The question asks for it. */
  asks: RegExp;
  /** A passage that gives it. */
  holds: RegExp;
  /** Its name in a reply ("没有给出联系电话"). */
  name: string;
}

/** A phone number where a report prints one: after 电话 or 热线, or with its area code. */
const PHONE = /(?:电话|热线)[^\d，。；]{0,6}\d{7,}|(?<![\d/])0\d{2,3}-\d{7,8}(?!\d)/;

export const CONTACTS: readonly Contact[] = [
  { asks: /联系方式|怎么联系|如何联系/, holds: new RegExp(`${PHONE.source}|地址|邮箱|电子邮件`), name: "联系方式" },
  { asks: /电话/, holds: PHONE, name: "联系电话" },
  { asks: /传真/, holds: /传真/, name: "传真号码" },
  { asks: /邮编|邮政编码/, holds: /邮编|邮政编码/, name: "邮政编码" },
  { asks: /邮箱|电子邮件|email/i, holds: /邮箱|电子邮件|@/, name: "电子邮箱" },
  { asks: /地址|办公地点/, holds: /地址|地点|[路街道]\d+号/, name: "地址" },
];

/**
 * 多少 or 几 with a unit after it: a count (接听咨询电话多少次, 热线电话几条, 多少通), not a contact's own
 * number. The units are the reports' (numbers.ts), and 通, which counts calls.
 */
const COUNTED = new RegExp(`(?:多少|几)(?:${unitAlternation([...COUNT_UNITS, ...PROSE_UNITS, "通"])})`);

/** A channel requests came by (传真申请数, 通过电子邮件提交的申请): the old tables' count, no contact. */
const CHANNEL = /(?:传真|邮件|邮箱|电话)(?:等)?(?:方式)?(?:提出|提交|发来)?(?:的)?申请/;

/** The contact a question asks for, if any. */
export function contactAsked(question: string): Contact | undefined {
  return COUNTED.test(question) || CHANNEL.test(question) ? undefined : CONTACTS.find((c) => c.asks.test(question));
}

/**
 * A contact's own number asked with 多少 (传真号码是多少, 邮编是多少): the contact, not a count. A
 * channel of request (传真申请多少件) is the old tables' count.
 */
export function contactNumberAsked(question: string): boolean {
  return /(?:电话|传真|邮编|邮政编码)(?:号码|号)?(?:是|为)?(?:多少|几)/.test(question) && !/申请/.test(question);
}
