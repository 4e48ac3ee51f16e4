/** Fixed guidance shown in the terminal and printed in handouts, so both say the same thing. */

export const SAFETY_NOTE = {
  title: "Before you start",
  body: `Changing a setting, a password, or signing out a device can be noticed by someone who watches your accounts. harden marks those steps and lets you leave them for later. If the person you are worried about has had access to this phone or computer, think about using a safer device, or talk to an advocate first. You can stop at any time with Ctrl-C: every answer is saved as you give it.`,
};

export const BACKUP_ADVICE = {
  title: "Backup codes and a lost phone",
  points: [
    "When you turn on two-factor authentication, most services offer backup codes (also called recovery codes). Print them or write them down and keep them somewhere safe at home, not on the phone. Each code works once.",
    "If your phone is lost, stolen, or taken from you: sign in with a backup code, remove the old phone from the account's two-factor settings, and set up your authenticator again on your new phone.",
    "Many authenticator apps can back up to a cloud account. Only turn that on if nobody else can get into that cloud account.",
  ],
};

export interface DrillSheet {
  title: string;
  intro: string;
  steps: string[];
}

export const DRILL_SHEETS: Record<"password-strength" | "totp-practice", DrillSheet> = {
  "password-strength": {
    title: "Drill: how strong is a password?",
    intro:
      "Long passwords made of several unrelated words are hard to guess and easy to remember. Names, birthdays, pets and common words with a number on the end are guessed first, especially by someone who knows you.",
    steps: [
      "Run: harden workshop PLAN (or harden password) and type a made-up password at the hidden prompt. Nothing is saved or sent.",
      "Read the score (0 to 4), how long guessing would take, and the tips.",
      "Try a longer one: four or five random words. Aim for at least 15 characters.",
      "Only if you choose to, check it against breach data: just the first 5 characters of its hash leave the computer.",
      "Use a password manager so each account gets its own password.",
    ],
  },
  "totp-practice": {
    title: "Drill: add an authenticator app",
    intro:
      "An authenticator app makes a new 6-digit code every 30 seconds. With it, someone who knows your password still cannot sign in. This practice code is not linked to any account.",
    steps: [
      "Install an authenticator app (for example Google Authenticator, Microsoft Authenticator, Aegis or 2FAS), or use your password manager.",
      "Run: harden totp practice. Scan the QR code with the app (or type the setup key).",
      "Type the 6 digits the app shows. harden says whether they match and whether your phone's clock is off.",
      "Then delete the practice account from the app.",
    ],
  },
};
