import { startEngineContainer, type ContainerOptions } from './container-engine';
import type { TestEngine } from './engine';
import { startEngineProcess, type ProcessOptions } from './process-engine';

/**
 * Starts the engine for an integration suite: as a container where a container runtime answers
 * (`mode: 'container'`), as a child process on the embedded default where none does
 * (`mode: 'process'`); `auto` (the default) tries the container and falls back to the process.
 */
export async function startEngine(
  options: ContainerOptions & ProcessOptions & { mode?: 'auto' | 'process' | 'container' } = {},
): Promise<TestEngine> {
  const mode = options.mode ?? 'auto';
  if (mode === 'process') return startEngineProcess(options);
  if (mode === 'container') return startEngineContainer(options);
  if (await containerRuntime()) return startEngineContainer(options);
  return startEngineProcess(options);
}

/** Whether testcontainers finds a container runtime here (false when it is not installed). */
export async function containerRuntime(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}
