import { join } from 'node:path';
import * as ts from 'typescript';

// The generated types are the product: a strict compile of type-checks.ts proves the routes, bodies and
// problem codes a client team relies on are typed (and stay so).
describe('@identsphere/client types', () => {
  it('compile strictly, with every expected type error still an error', () => {
    const program = ts.createProgram([join(__dirname, 'type-checks.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: [],
      skipLibCheck: true,
    });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}:${d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    expect(errors).toEqual([]);
  }, 120_000);
});
