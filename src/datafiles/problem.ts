/** One problem in a data file, and how it is printed: FILE:LINE: FIELD: what is wrong. */
export interface Problem {
  file: string;
  line: number;
  field: string;
  message: string;
}

export const formatProblem = (p: Problem): string => `${p.file}:${p.line}: ${p.field}: ${p.message}`;
