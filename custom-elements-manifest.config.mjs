import { posix } from 'node:path';

// `npm run analyze`: custom-elements.json (gitignored, generated before Storybook builds, runs or tests) from the
// elements' JSDoc. Storybook reads it for the docs tables and controls of every element.

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

export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/elements/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  // The manifest is generated, not committed: do not point package.json at it.
  packagejson: false,
  plugins: [defineElementCalls(), publicMembersOnly(), distPaths()],
};
