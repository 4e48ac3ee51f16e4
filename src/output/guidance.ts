/**
 * Fixed guidance shown in the terminal and printed in handouts, so both say the same thing. Each
 * text is read from the message catalogue when it is used (getters), so it is in the run's language.
 */
import { t } from "../i18n/index.js";

export const SAFETY_NOTE = {
  get title() {
    return t("audit:safety.title");
  },
  get body() {
    return t("audit:safety.body");
  },
};

export const BACKUP_ADVICE = {
  get title() {
    return t("audit:backup.title");
  },
  get points() {
    return [1, 2, 3].map((n) => t(`audit:backup.point${n}`));
  },
};

export interface DrillSheet {
  title: string;
  intro: string;
  steps: string[];
}

const drill = (key: string, steps: number): DrillSheet => ({
  get title() {
    return t(`audit:drill.${key}.title`);
  },
  get intro() {
    return t(`audit:drill.${key}.intro`);
  },
  get steps() {
    return Array.from({ length: steps }, (_v, i) => t(`audit:drill.${key}.step${i + 1}`));
  },
});

export const DRILL_SHEETS: Record<"password-strength" | "totp-practice", DrillSheet> = {
  "password-strength": drill("password", 5),
  "totp-practice": drill("totp", 4),
};
