/** The TypeScript diagnostic codes Spackle acts on, named by what their message says (TypeScript's diagnostic list). */
export const DiagnosticCode = {
  /** Cannot find name 'x'. */
  cannotFindName: 2304,
  /** Type 'A' is not assignable to type 'B'. */
  notAssignable: 2322,
  /** Property 'x' does not exist on type 'T'. */
  propertyMissing: 2339,
  /** Argument of type 'A' is not assignable to parameter of type 'B'. */
  argumentNotAssignable: 2345,
  /** Property 'x' does not exist on type 'T'. Did you mean 'y'? */
  propertyMissingDidYouMean: 2551,
  /** Cannot find name 'x'. Did you mean 'y'? */
  cannotFindNameDidYouMean: 2552,
  /** Expected N arguments, but got M. */
  expectedArguments: 2554,
  /** Expected at least N arguments, but got M. */
  expectedAtLeastArguments: 2555,
  /** No overload matches this call. */
  noOverloadMatches: 2769,
  /** Type 'A' is not assignable to type 'B'. Did you mean 'C'? */
  notAssignableDidYouMean: 2820,
} as const;
