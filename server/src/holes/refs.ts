/**
 * A node's span as a `SourceRef` (file and UTF-16 offsets): how the context points at declarations without holding
 * compiler objects.
 */
import ts from 'typescript';
import type { SourceRef } from './holeData.js';

export function refOf(node: ts.Node): SourceRef {
  const sourceFile = node.getSourceFile();
  return { file: sourceFile.fileName, start: node.getStart(sourceFile), end: node.end };
}
