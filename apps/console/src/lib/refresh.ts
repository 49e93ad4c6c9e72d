/**
 * Every open page's reads subscribe here: they run again on each poll tick (every POLL_MS while
 * the tab is visible) and at once after a command was accepted.
 */
export const POLL_MS = 5000;

const listeners = new Set<() => void>();

export function onRefresh(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function refreshAll(): void {
  for (const listener of [...listeners]) listener();
}

let timer: ReturnType<typeof setInterval> | undefined;

/** Starts the poll once; a hidden tab skips its ticks and refreshes when it is shown again. */
export function startPolling(): void {
  if (timer) return;
  timer = setInterval(() => {
    if (document.visibilityState === 'visible') refreshAll();
  }, POLL_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') refreshAll();
  });
}
