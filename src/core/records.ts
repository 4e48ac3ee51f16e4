/** A plain object (not null, not an array): the shape every JSON or YAML map is checked for first. */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
