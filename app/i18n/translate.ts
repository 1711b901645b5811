// Asuh's translator: a catalog lookup by dotted key, {{name}} values, plural forms by count and
// $t(key) references, written the way our catalogs write them (the conventions of i18next, which
// we used to ship: ~20 KB of compressed JavaScript on every page for these few dozen lines).

/** Writes a message: a catalog key, and the values its text names ({{name}}), with `count` choosing the plural form. */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

// One pass, left to right, over {{name}} and $t(key): what a value brings in is never read again,
// so a value cannot inject a reference or another value.
const PLACEHOLDER = /\$t\(([^()]*)\)|\{\{(.+?)\}\}/g;
const VALUE = /\{\{(.+?)\}\}/g;

/**
 * The translate function of one language's catalog.
 * - `count` (a number; not a string) picks `key_zero` (for 0, when the catalog has it), then the form that
 *   Intl.PluralRules names for the language (`key_one`, `key_other`…; Bahasa Indonesia has only
 *   `_other`), then `key` itself.
 * - A key the catalog lacks gives `values.defaultValue` when there is one, else the key itself.
 * - `{{name}}` is replaced as written, never escaped (React escapes; emails are plain text); an
 *   absent value leaves `{{name}}` in place, a value given as undefined or null writes nothing.
 * - `$t(other.key)` in a message is replaced by that message, with the same values; its key may
 *   itself hold a value (`$t(weekdays.{{day}})`), but a value cannot bring in a reference.
 */
export function makeTranslate(language: string, catalog: object): Translate {
  const plural = new Intl.PluralRules(language);
  const lookup = (key: string): string | undefined => {
    let node: unknown = catalog;
    for (const part of key.split('.')) {
      if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
      node = (node as Record<string, unknown>)[part];
    }
    return typeof node === 'string' ? node : undefined;
  };
  const t: Translate = (key, values = {}) => {
    const count = values.count;
    let text: string | undefined;
    if (count !== undefined && typeof count !== 'string') {
      if (count === 0) text = lookup(`${key}_zero`);
      text ??= lookup(`${key}_${plural.select(count as number)}`);
    }
    text ??= lookup(key) ?? (typeof values.defaultValue === 'string' ? values.defaultValue : key);
    const { defaultValue: _ignored, ...inherited } = values;
    const value = (written: string, name: string) => {
      name = name.trim();
      if (!Object.hasOwn(values, name)) return written;
      const given = values[name];
      return given === undefined || given === null ? '' : String(given);
    };
    return text.replace(PLACEHOLDER, (written, reference: string | undefined, name: string | undefined) =>
      reference === undefined ? value(written, name!) : t(reference.replace(VALUE, value).trim(), inherited),
    );
  };
  return t;
}
