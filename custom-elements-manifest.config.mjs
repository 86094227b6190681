import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { posix } from 'node:path';

// `npm run analyze`: custom-elements.json (gitignored, generated before Storybook builds, runs or tests, and by
// `npm run build`, which ships it with the editor data made from it) from the elements' JSDoc. Storybook reads it
// for the docs tables and controls of every element.

/**
 * The kit defines its tags through `defineElement('passkey-login', PasskeyLogin)` (src/elements/shared/define.ts),
 * which the analyzer cannot see through: record each call as the definition `customElements.define` would be.
 */
function defineElementCalls() {
  const tags = new Set();
  return {
    name: 'passkey:define-element-calls',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'defineElement') return;
      const [tag, element] = node.arguments;
      if (!tag || !ts.isStringLiteral(tag) || !element || !ts.isIdentifier(element)) return;
      tags.add(tag.text);
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        { kind: 'custom-element-definition', name: tag.text, declaration: { name: element.text, module: moduleDoc.path } },
      ];
    },
    packageLinkPhase({ customElementsManifest }) {
      const declaredIn = new Map();
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) declaredIn.set(declaration.name, module.path);
      }
      for (const module of customElementsManifest.modules) {
        module.exports = module.exports
          // defineElement's own `customElements.define(tag, element)` defines nothing by itself.
          ?.filter((entry) => entry.kind !== 'custom-element-definition' || tags.has(entry.name))
          .map((entry) =>
            entry.kind === 'custom-element-definition' && declaredIn.has(entry.declaration.name)
              ? { ...entry, declaration: { ...entry.declaration, module: declaredIn.get(entry.declaration.name) } }
              : entry,
          );
      }
    },
  };
}

/** The docs and controls are for people using the elements: leave out private and protected members. */
function publicMembersOnly() {
  return {
    name: 'passkey:public-members-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.members) continue;
          declaration.members = declaration.members.filter(
            (member) => member.privacy !== 'private' && member.privacy !== 'protected' && !member.name.startsWith('#'),
          );
        }
      }
    },
  };
}

/**
 * The manifest ships in the package, where the modules are dist/**.js: point every module reference there
 * (`src/x.ts`, `/src/x.ts` or `./x.ts` relative to its module → `dist/x.js`). Storybook finds elements by tag name
 * and does not read them.
 */
function distPaths() {
  const toDist = (reference, from) =>
    posix
      .normalize(reference.startsWith('.') ? posix.join(posix.dirname(from), reference) : reference.replace(/^\//, ''))
      .replace(/^src\/(.*)\.ts$/, 'dist/$1.js');
  const rewrite = (node, from) => {
    if (Array.isArray(node)) return node.forEach((item) => rewrite(item, from));
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'module' || key === 'path') && typeof value === 'string') node[key] = toDist(value, from);
      else rewrite(value, from);
    }
  };
  return {
    name: 'passkey:dist-paths',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) rewrite(module, module.path);
    },
  };
}

/**
 * Each event's `type`, which the schema requires and typed wrappers read: the event class the kit's event map
 * (`interface PasskeyEventMap { 'passkey-registered': PasskeyRegisteredEvent; … }`, src/elements/shared/events.ts)
 * gives the name, with a reference to where that class is declared. A type written in the JSDoc
 * (`@fires {X} name`) wins. The analyzer also records `this.dispatchEvent(new PasskeyErrorEvent(…))` as an event
 * with a type and no name: the map names it, and the JSDoc entry of that name keeps its description.
 */
function eventTypes() {
  const classOf = new Map();
  return {
    name: 'passkey:event-types',
    analyzePhase({ ts, node }) {
      if (!ts.isInterfaceDeclaration(node) || !node.name.text.endsWith('EventMap')) return;
      for (const member of node.members) {
        if (ts.isPropertySignature(member) && member.name && ts.isStringLiteral(member.name) && member.type) {
          classOf.set(member.name.text, member.type.getText());
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      const declaredIn = new Map();
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) declaredIn.set(declaration.name, module.path);
      }
      const nameOf = new Map([...classOf].map(([event, type]) => [type, event]));
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.events) continue;
          const byName = new Map();
          for (const event of declaration.events) {
            event.name ??= nameOf.get(event.type?.text);
            byName.set(event.name, { ...event, ...byName.get(event.name) }); // the first entry, the JSDoc's, wins
          }
          declaration.events = [...byName.values()];
          for (const event of declaration.events) {
            const type = classOf.get(event.name);
            if (!type || (event.type && event.type.text !== type)) continue;
            const module = declaredIn.get(type);
            event.type = { text: type, ...(module ? { references: [{ name: type, module, start: 0, end: type.length }] } : {}) };
          }
        }
      }
    },
  };
}

/**
 * Read-only properties that the elements reflect to an attribute of the same name for CSS
 * (`passkey-login[state='busy']`). Lit does not declare them, so the analyzer lists the property alone.
 */
const REFLECTED_READ_ONLY = ['state'];

function reflectedReadOnlyAttributes() {
  return {
    name: 'passkey:reflected-read-only-attributes',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.customElement) continue;
          for (const member of declaration.members ?? []) {
            if (!REFLECTED_READ_ONLY.includes(member.name) || !member.readonly) continue;
            if (declaration.attributes?.some((attribute) => attribute.name === member.name)) continue;
            const { name, type, description, inheritedFrom } = member;
            declaration.attributes = [
              ...(declaration.attributes ?? []),
              { name, fieldName: name, ...(type && { type }), description: `Read-only, set by the element. ${description ?? ''}`.trim(), ...(inheritedFrom && { inheritedFrom }) },
            ];
          }
        }
      }
    },
  };
}

/**
 * The analyzer also lists every name in `observedAttributes` as an attribute. PasskeyBase observes `client` only to
 * warn about a framework that set an object as an attribute; `client` is a property (`attribute: false`), and
 * editors should not offer it as an attribute.
 */
function propertyOnlyAttributes() {
  return {
    name: 'passkey:property-only-attributes',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.attributes) continue;
          const propertyOnly = new Set((declaration.members ?? []).filter((member) => member.kind === 'field' && !member.attribute).map((member) => member.name));
          declaration.attributes = declaration.attributes.filter((attribute) => attribute.fieldName || !propertyOnly.has(attribute.name));
        }
      }
    },
  };
}

/** The analyzer writes schema 1.0.0; the manifest is checked against the schema package's own version (test/node/manifest). */
function currentSchemaVersion() {
  const schema = createRequire(import.meta.url).resolve('custom-elements-manifest/package.json');
  const { version } = JSON.parse(readFileSync(schema, 'utf8'));
  return {
    name: 'passkey:schema-version',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.schemaVersion = version;
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/elements/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  // The manifest is generated, not committed: do not point package.json at it.
  packagejson: false,
  plugins: [
    defineElementCalls(),
    publicMembersOnly(),
    eventTypes(),
    propertyOnlyAttributes(),
    reflectedReadOnlyAttributes(),
    distPaths(),
    currentSchemaVersion(),
  ],
};
