export * from './engine';
export { startEngineProcess, type ProcessOptions } from './process-engine';
export { startEngineContainer, type ContainerOptions } from './container-engine';
export { containerRuntime, startEngine } from './start-engine';
