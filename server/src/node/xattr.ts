/**
 * Extended attributes (xattr) and POSIX ACLs (which Linux keeps as the xattrs `system.posix_acl_*`) of a
 * file being rewritten: copied onto the temporary file before the rename, so that `--fix` keeps them; where
 * one cannot be copied, the write is refused (README, 可靠性 / Hardening). Node has no xattr API: the
 * `@napi-rs/xattr` package (prebuilt for each platform, no build step) reads and writes them. Where it is not
 * installed (the .vsix has no node_modules; the server writes only `.nianbaorc.json` through this path),
 * attributes can be neither seen nor copied (README says so).
 */
interface XattrApi {
  listAttributesSync(path: string): string[];
  getAttributeSync(path: string, name: string): Buffer | null;
  setAttributeSync(path: string, name: string, value: Uint8Array): void;
}

function loadApi(): XattrApi | null {
  try {
    // a plain require, left to run time by the bundles (scripts/externals.json)
    return require('@napi-rs/xattr') as XattrApi;
  } catch {
    return null;
  }
}

/** Loaded at the first write (it looks at the system's C library when it loads), null where it is not installed. */
let api: XattrApi | null | undefined;

/**
 * The SELinux label is given to a new file by the folder's policy and may not be set by a user: the
 * rename keeps the folder's label, as every editor's save does; it is neither copied nor a reason to refuse.
 */
const SET_BY_SYSTEM = new Set(['security.selinux']);

/** A path as the library takes it (a string, passed on as UTF-8), or null for a name that is not UTF-8. */
function utf8(p: Buffer): string | null {
  const s = p.toString();
  return Buffer.from(s).equals(p) ? s : null;
}

/**
 * Copies the attributes of the file `from` onto the file `to` (paths as bytes; the library reads the named
 * file, never through a link). Answers null when every attribute is on `to` with the same value (or there
 * were none, or they cannot be seen: no library, or a path that is not UTF-8), else the names not copied.
 */
export function copyAttributes(fromPath: Buffer, toPath: Buffer): string[] | null {
  const from = utf8(fromPath);
  const to = utf8(toPath);
  if (from === null || to === null) return null;
  api ??= loadApi();
  if (!api) return null;
  let names: string[];
  try {
    names = api.listAttributesSync(from).filter((n) => !SET_BY_SYSTEM.has(n));
  } catch {
    // a file system without xattr support has none to lose
    return null;
  }
  const failed: string[] = [];
  for (const name of names) {
    try {
      const value = api.getAttributeSync(from, name);
      if (value === null) continue;
      api.setAttributeSync(to, name, value);
      if (!api.getAttributeSync(to, name)?.equals(value)) failed.push(name);
    } catch {
      failed.push(name);
    }
  }
  return failed.length ? failed : null;
}
