/**
 * A cost limit for GraphQL next to Strapi's depth limit: one request may not fan out through
 * hundreds of aliases or thousands of fields.
 */
import { GraphQLError, ValidationContext, ASTVisitor } from 'graphql';

export interface QueryLimits {
  maxAliases: number;
  maxFields: number;
}

export const queryLimitsRule =
  ({ maxAliases, maxFields }: QueryLimits) =>
  (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    let fields = 0;
    let reported = false;
    const refuse = (message: string) => {
      if (reported) return;
      reported = true;
      context.reportError(new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
    };
    return {
      Field(node) {
        fields += 1;
        if (node.alias) aliases += 1;
        if (aliases > maxAliases) refuse(`Query uses more than ${maxAliases} aliases; split it into smaller queries`);
        if (fields > maxFields) refuse(`Query selects more than ${maxFields} fields; split it into smaller queries`);
      },
    };
  };
