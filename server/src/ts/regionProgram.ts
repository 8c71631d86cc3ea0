/** The compiler's region check: what TypeScript's own region diagnostics call, beyond the public `Program` type. */
import type ts from 'typescript';

/** A program whose `getSemanticDiagnostics` checks only `nodesToCheck` when given. */
export type RegionProgram = ts.Program & {
  getSemanticDiagnostics(
    sourceFile?: ts.SourceFile,
    token?: ts.CancellationToken,
    nodesToCheck?: readonly ts.Node[],
  ): readonly ts.Diagnostic[];
};
