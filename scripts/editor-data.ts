/**
 * Editor data made from custom-elements.json, shipped in dist/ (`npm run build`):
 *   dist/vscode.html-custom-data.json, dist/vscode.css-custom-data.json   VS Code's `html.customData` / `css.customData`
 *   dist/web-types.json                                                   JetBrains IDEs, through package.json `web-types`
 * Tags with their attributes, events, slots, parts and custom properties, as the two well-kept generators write them.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { getVsCodeCssCustomData, getVsCodeHtmlCustomData } from 'custom-element-vs-code-integration';
import { getWebTypesData } from 'custom-element-jet-brains-integration';

type Manifest = Parameters<typeof getVsCodeHtmlCustomData>[0];
type Named = { name: string };
type Attribute = { name: string; type?: { text: string } };

/**
 * The values an editor may offer for an attribute: the members of a union of string literals
 * (`'light' | 'dark' | undefined` → light, dark). The generator also offers a type's name as a value
 * (`credentials="RequestCredentials"`), which no one should type.
 */
function literalValues(type: string | undefined): Named[] {
  const members = (type ?? '').split('|').map((member) => member.trim()).filter((member) => member && member !== 'undefined' && member !== 'null');
  const literal = /^(['"])([^'"]*)\1$/;
  return members.length && members.every((member) => literal.test(member)) ? members.map((member) => ({ name: literal.exec(member)![2]! })) : [];
}

/** Every element's attributes by tag name, from the manifest. */
function attributesByTag(manifest: Manifest): Map<string, Attribute[]> {
  const byTag = new Map<string, Attribute[]>();
  for (const module of (manifest as { modules: { declarations?: { tagName?: string; attributes?: Attribute[] }[] }[] }).modules) {
    for (const declaration of module.declarations ?? []) if (declaration.tagName) byTag.set(declaration.tagName, declaration.attributes ?? []);
  }
  return byTag;
}

/** The generators list a custom property or part once per element; the editors want it once. */
const unique = <T extends Named>(items: T[] = []): T[] => [...new Map(items.map((item) => [item.name, item])).values()];

export const EDITOR_DATA_FILES = ['vscode.html-custom-data.json', 'vscode.css-custom-data.json', 'web-types.json'] as const;

export function writeEditorData(manifestFile: string, outDir: string): void {
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const options = { hideLogs: true, hideMethodDocs: false };

  const html = JSON.parse(getVsCodeHtmlCustomData(manifest, options)) as { tags: (Named & { attributes: (Named & { values: Named[] })[] })[] };
  const attributes = attributesByTag(manifest);
  for (const tag of html.tags) {
    for (const attribute of tag.attributes) {
      attribute.values = literalValues(attributes.get(tag.name)?.find((candidate) => candidate.name === attribute.name)?.type?.text);
    }
  }
  const css = JSON.parse(getVsCodeCssCustomData(manifest, options));
  css.properties = unique(css.properties);
  css.pseudoElements = unique(css.pseudoElements);

  const webTypes = JSON.parse(
    getWebTypesData(manifest, {
      ...options,
      // Where an IDE imports a tag from: its define entry, `passkey-elements/passkey-login` (one folder per tag).
      modulePathTemplate: (_name: string, modulePath: string) => `passkey-elements/${basename(dirname(modulePath))}`,
    }),
  );
  webTypes.contributions.css.properties = unique(webTypes.contributions.css.properties);
  webTypes.contributions.css['pseudo-elements'] = unique(webTypes.contributions.css['pseudo-elements']);

  mkdirSync(outDir, { recursive: true });
  const files: Record<(typeof EDITOR_DATA_FILES)[number], unknown> = {
    'vscode.html-custom-data.json': html,
    'vscode.css-custom-data.json': css,
    'web-types.json': webTypes,
  };
  for (const [file, data] of Object.entries(files)) writeFileSync(join(outDir, file), `${JSON.stringify(data, null, 2)}\n`);
}
