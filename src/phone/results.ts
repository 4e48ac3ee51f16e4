/** What `harden phone` commands return: one reporter renders them (src/output/phoneView.ts). */
import type { CheckOutcome, DeviceInfo } from "./check.js";
import type { IndicatorsInfo } from "./indicators.js";

export const PHONE_FORMATS = ["text", "md", "html", "json"] as const;
export type PhoneFormat = (typeof PHONE_FORMATS)[number];

export interface PhoneReport {
  checkedAt: string;
  /** The same moment in the computer's time zone, for a person. */
  localTime: string;
  source: { kind: "adb" | "folder"; folder: string | null };
  device: DeviceInfo;
  outcome: CheckOutcome;
  indicators: IndicatorsInfo;
  /** The folder --collect wrote the outputs to. */
  collected: string | null;
  /** The evidence log entry the findings were added to (--evidence). */
  evidence: { seq: number } | null;
}

/** A checklist item that applies to an iPhone, by id, with its title in the run's language. */
export interface PhoneItem {
  id: string;
  title: string;
}

export type PhoneResult =
  | { kind: "phone-check"; format: PhoneFormat; report: PhoneReport }
  | { kind: "phone-iphone"; format: PhoneFormat; items: PhoneItem[]; seen: boolean }
  | { kind: "phone-indicators"; info: IndicatorsInfo; updated: boolean };
