// Colour only for a person at a terminal, and never when NO_COLOR is set (https://no-color.org).
export function useColor(stream: NodeJS.WritableStream, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return (stream as { isTTY?: boolean }).isTTY === true;
}
