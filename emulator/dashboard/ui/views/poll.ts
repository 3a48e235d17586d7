/** Runs `tick` every `seconds` (never overlapping); returns a stop function. 0 seconds = off. */
export function poll(seconds: number, tick: () => Promise<void>): () => void {
  if (!(seconds > 0)) return () => undefined;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const loop = () => {
    timer = setTimeout(() => {
      void tick().finally(() => {
        if (!stopped) loop();
      });
    }, seconds * 1000);
  };
  loop();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

export const REFRESH_CHOICES = [0, 2, 5, 10, 30, 60] as const;
