export function buildElectronNative(): string;
