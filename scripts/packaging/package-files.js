// What a package would contain, computed with electron-builder's own config loader, schema check
// and file matchers (app-builder-lib), without the Electron binary. Used by the packaging test and
// by `node scripts/packaging/package-files.js` (prints the list) before a release.
import { lstatSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
const { getFileMatchers, getMainFileMatchers } = require('app-builder-lib/out/fileMatcher.js');

const noDebugLog = { isEnabled: false, add() {} };
const identity = (s) => s;

/** electron-builder.yml as electron-builder reads it (electron-builder.yml + package.json). */
export async function loadBuilderConfig(projectDir) {
  return getConfig(projectDir, null, null);
}

/** Validates a config against app-builder-lib's scheme.json; throws InvalidConfigurationError. */
export async function validateBuilderConfig(config) {
  await validateConfiguration(config, noDebugLog);
}

function walk(root, filter, relBase, out) {
  for (const name of readdirSync(root)) {
    const full = path.join(root, name);
    const stat = lstatSync(full);
    if (!filter(full, stat)) continue;
    if (stat.isDirectory()) walk(full, filter, relBase, out);
    else out.push(path.relative(relBase, full).split(path.sep).join('/'));
  }
}

/**
 * The files of the app (inside the ASAR, paths relative to the app root, node_modules left out:
 * electron-builder adds the production dependencies itself) and of extraResources (relative to
 * the resources folder).
 */
export function packageFileList(projectDir, config) {
  const outDir = path.resolve(projectDir, config.directories?.output ?? 'dist');
  const fakePackager = {
    info: {
      projectDir,
      buildResourcesDir: path.resolve(projectDir, config.directories?.buildResources ?? 'build'),
      isPrepackedAppAsar: false,
      config,
      debugLogger: noDebugLog,
    },
  };
  const app = [];
  for (const matcher of getMainFileMatchers(projectDir, '/app', identity, {}, fakePackager, outDir, false)) {
    const filter = matcher.createFilter();
    walk(matcher.from, (file, stat) => !file.includes(`${path.sep}node_modules`) && filter(file, stat), projectDir, app);
  }
  const resources = [];
  for (const matcher of getFileMatchers(config, 'extraResources', '/resources', {
    macroExpander: identity, customBuildOptions: {}, globalOutDir: outDir, defaultSrc: projectDir,
  }) ?? []) {
    if (matcher.isEmpty() || matcher.containsOnlyIgnore()) matcher.prependPattern('**/*');
    const files = [];
    try {
      walk(matcher.from, matcher.createFilter(), matcher.from, files);
    } catch (e) {
      if (e.code !== 'ENOENT') throw e;
    }
    const to = path.posix.relative('/resources', matcher.to.split(path.sep).join('/'));
    resources.push(...files.map((f) => (to ? `${to}/${f}` : f)));
  }
  return { app: app.sort(), resources: resources.sort() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const config = await loadBuilderConfig(projectDir);
  await validateBuilderConfig(config);
  const list = packageFileList(projectDir, config);
  console.log(JSON.stringify(list, null, 2));
}
