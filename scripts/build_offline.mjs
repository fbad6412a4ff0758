// Assembles what the service worker and the pages load from npm packages (never copied into the
// repository): the Workbox runtime modules Carnet uses, concatenated in dependency order, and
// idb's browser build. Run by make at set-up; the output directory is served as static files
// under vendor/offline/ (carnet/settings.py) and is not versioned.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const output = join(root, "build", "offline");

// Each Workbox module attaches itself to self.workbox and reads the ones before it.
const WORKBOX = ["workbox-core", "workbox-routing", "workbox-strategies", "workbox-precaching"];

function built(name, file) {
  const text = readFileSync(join(modules, name, "build", file), "utf8");
  // The source maps are not shipped: a dangling reference would only make browsers ask for them.
  return text.replace(/^\/\/# sourceMappingURL=.*$/m, "").trimEnd();
}

function version(name) {
  return JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8")).version;
}

mkdirSync(output, { recursive: true });
const workbox = WORKBOX.map((name) => `// ${name} ${version(name)}\n${built(name, `${name}.prod.js`)}`);
writeFileSync(join(output, "workbox.js"), `${workbox.join("\n")}\n`);
writeFileSync(join(output, "idb.js"), `// idb ${version("idb")}\n${built("idb", "umd.js")}\n`);
console.log(`build_offline: wrote workbox.js and idb.js to ${output}`);
