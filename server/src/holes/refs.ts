import ts from 'typescript';
import type { SourceRef } from './holeData.js';

export function refOf(node: ts.Node): SourceRef {
  const sourceFile = node.getSourceFile();
  return { file: sourceFile.fileName, start: node.getStart(sourceFile), end: node.end };
}
