/** A rule violation tied to a field path, shaped like Strapi's ValidationError details. */
export interface FieldProblem {
  path: string[];
  message: string;
}

export const problem = (path: string | string[], message: string): FieldProblem => ({
  path: Array.isArray(path) ? path : path.split('.'),
  message,
});

/** One message naming every field, for the error's headline. */
export const summarize = (problems: FieldProblem[]): string => problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; ');
