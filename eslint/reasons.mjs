/**
 * The `spackle/reasons` lint rule: a comment that turns a lint rule off says why, after `--`
 * (`// eslint-disable-next-line max-lines-per-function -- one table, read top to bottom`), so that an exception
 * stays a decision a reader can weigh, not a silenced warning.
 */
const DIRECTIVE = /^\s*eslint-disable(-next-line|-line)?\b/;

export const reasons = {
  meta: {
    type: 'suggestion',
    schema: [],
    messages: { missing: 'say why the rule is off: `{{directive}} -- why`' },
  },
  create(context) {
    return {
      Program() {
        for (const comment of context.sourceCode.getAllComments()) {
          if (!DIRECTIVE.test(comment.value)) continue;
          const [directive, why] = comment.value.split(/\s--\s/);
          if (why?.trim()) continue;
          context.report({ loc: comment.loc, messageId: 'missing', data: { directive: directive.trim() } });
        }
      },
    };
  },
};
