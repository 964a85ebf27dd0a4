/**
 * PyTorch snippets for the code-reading templates: a fenced ```python block, and the statement
 * of PyTorch's conventions that the wrong options of these templates rely on.
 */

/** A fenced Python code block (Markdown) of the given lines. */
export function python(lines: readonly string[]): string {
  return `\`\`\`python\n${lines.join('\n')}\n\`\`\``;
}

/** `nn.Sequential(` with one indented layer per line. */
export function sequential(name: string, layers: readonly string[]): string[] {
  return [`${name} = nn.Sequential(`, ...layers.map((l) => `    ${l},`), ')'];
}

/** The shape as PyTorch prints it: `(8, 16, 14, 14)`. */
export function shape(dims: readonly number[]): string {
  return `(${dims.join(', ')})`;
}
