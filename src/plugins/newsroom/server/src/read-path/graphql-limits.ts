/**
 * Limits on the shape of a GraphQL document, next to Strapi's depth limit and the cost budget.
 * Every check is linear in the document's text: the gate reads tokens without parsing, and the
 * counts through fragments are memoised (a fragment spread N times is counted once, then reused N
 * times), so nesting fragments that would expand into millions of fields costs what the text costs.
 */
import {
  ASTVisitor,
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLError,
  Kind,
  Lexer,
  OperationDefinitionNode,
  SelectionSetNode,
  Source,
  TokenKind,
  ValidationContext,
} from 'graphql';

export interface DocumentGate {
  /** The largest document accepted, in UTF-8 bytes. */
  maxDocumentBytes: number;
  /** The most fragment spreads (`...Name`) one document may write. */
  maxFragmentSpreads: number;
}

export interface QueryLimits {
  maxAliases: number;
  maxFields: number;
}

export const validationFailed = (message: string) => new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });

/**
 * Why a document is refused before it is parsed (too large, too many fragment spreads), or null.
 * Text that does not lex is left to the parser, which refuses it with its own message.
 */
export function documentGateProblem(text: string, gate: DocumentGate): string | null {
  // UTF-8 length without allocating: at most 3 bytes per UTF-16 unit, so short texts skip the count.
  const bytes = text.length * 3 <= gate.maxDocumentBytes ? 0 : Buffer.byteLength(text, 'utf8');
  if (bytes > gate.maxDocumentBytes) return `GraphQL document is ${bytes} bytes; at most ${gate.maxDocumentBytes} are accepted`;
  let spreads = 0;
  try {
    const lexer = new Lexer(new Source(text));
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (token.kind !== TokenKind.SPREAD) continue;
      const next = lexer.lookahead();
      if (next.kind === TokenKind.NAME && next.value !== 'on') spreads += 1;
      if (spreads > gate.maxFragmentSpreads)
        return `GraphQL document uses more than ${gate.maxFragmentSpreads} fragment spreads; split it into smaller queries`;
    }
  } catch {
    return null;
  }
  return null;
}

interface Counts {
  fields: number;
  aliases: number;
}

/** Fields and aliases each operation would select, fragments expanded, each fragment counted once. */
export function expandedCounts(document: DocumentNode): Counts[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const memo = new Map<string, Counts>();
  const inProgress = new Set<string>();
  const fragmentCounts = (name: string): Counts => {
    const known = memo.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(name)) return { fields: 0, aliases: 0 }; // unknown or cyclic: refused by graphql's own rules
    inProgress.add(name);
    const counts = setCounts(fragment.selectionSet);
    inProgress.delete(name);
    memo.set(name, counts);
    return counts;
  };
  function setCounts(set: SelectionSetNode): Counts {
    const total = { fields: 0, aliases: 0 };
    for (const s of set.selections) {
      let inner: Counts | null = null;
      if (s.kind === Kind.FIELD) {
        total.fields += 1;
        if (s.alias) total.aliases += 1;
        if (s.selectionSet) inner = setCounts(s.selectionSet);
      } else if (s.kind === Kind.INLINE_FRAGMENT) inner = setCounts(s.selectionSet);
      else inner = fragmentCounts(s.name.value);
      if (inner) {
        total.fields += inner.fields;
        total.aliases += inner.aliases;
      }
    }
    return total;
  }
  return document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION).map((op) => setCounts(op.selectionSet));
}

/** Refuses an operation that selects more aliases or fields than allowed, fragments expanded. */
export const queryLimitsRule =
  ({ maxAliases, maxFields }: QueryLimits) =>
  (context: ValidationContext): ASTVisitor => ({
    Document: {
      leave(document) {
        for (const counts of expandedCounts(document)) {
          if (counts.aliases > maxAliases)
            return context.reportError(validationFailed(`Query uses more than ${maxAliases} aliases; split it into smaller queries`));
          if (counts.fields > maxFields)
            return context.reportError(validationFailed(`Query selects more than ${maxFields} fields; split it into smaller queries`));
        }
      },
    },
  });
