// npm run dist [-- --institute path/to/institute.json] [--linux] [--win] [--mac]
// Builds the app and the Electron build of better-sqlite3, then packages with electron-builder
// (which downloads the Electron binaries for each platform: it needs a network).
import { build, Platform } from 'electron-builder';
import { defaultInstitute, loadInstitute } from '../electron/institute';
import {
  builderConfig,
  packagedLayout,
  stagedInstituteDir,
  stageInstitute,
} from '../electron/packaging';
import { buildAll } from './build.mjs';
import { buildElectronNative } from './electron-native.mjs';

const args = process.argv.slice(2);
const at = args.indexOf('--institute');
const instituteFile = at >= 0 ? args[at + 1] : null;
const institute = instituteFile ? loadInstitute(instituteFile) : defaultInstitute;
const targets = [
  args.includes('--linux') && Platform.LINUX,
  args.includes('--win') && Platform.WINDOWS,
  args.includes('--mac') && Platform.MAC,
].filter((p): p is Platform => p !== false);

await buildAll({ quiet: true });
buildElectronNative();
// institute.json and the banks go into the ASAR at their packaged paths, sealed by SHA-256.
const seal = stageInstitute(packagedLayout(instituteFile, institute), stagedInstituteDir);
await build({
  targets: (targets.length > 0 ? targets : [Platform.current()]).reduce(
    (all, platform) => new Map([...all, ...platform.createTarget()]),
    new Map(),
  ),
  config: builderConfig(institute, seal),
});
