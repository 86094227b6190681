import { setCustomElementsManifest, type Decorator, type Preview, type WebComponentsRenderer } from '@storybook/web-components-vite';
import type { ArgTypesEnhancer, ArgsStoryFn } from 'storybook/internal/types';
import { html } from 'lit';
import { PASSKEY_LOCALES } from '../src/i18n/index.ts';
import manifest from '../custom-elements.json' with { type: 'json' };
import { authenticatorBeforeEach } from './authenticator.ts';
import { mockBeforeEach } from './mock.ts';

interface Named {
  name: string;
  type?: { text: string };
}
interface ElementDoc {
  tagName?: string;
  attributes?: (Named & { fieldName?: string })[];
  members?: (Named & { readonly?: boolean })[];
  events?: Named[];
  slots?: Named[];
}

const modules = manifest.modules as { declarations?: ElementDoc[] }[];
const docOf = (tag: string | undefined) => modules.flatMap((module) => module.declarations ?? []).find((doc) => doc.tagName === tag);

/**
 * The manifest as Storybook's tables and controls want it: `string | undefined` is a string control, and a
 * slot named like an attribute (`<passkey-login>`'s `username`) gets a row of its own instead of replacing it.
 */
function forStorybook(doc: ElementDoc): ElementDoc {
  const optional = <T extends Named>(item: T): T => (item.type ? { ...item, type: { text: item.type.text.replace(/\s*\|\s*undefined$/, '') } } : item);
  const names = new Set([...(doc.attributes ?? []), ...(doc.members ?? [])].map(({ name }) => name));
  return {
    ...doc,
    attributes: doc.attributes?.map(optional),
    members: doc.members?.map(optional),
    slots: doc.slots?.map((slot) => (names.has(slot.name) ? { ...slot, name: `${slot.name} (slot)` } : slot)),
  };
}

setCustomElementsManifest({ ...manifest, modules: modules.map((module) => ({ ...module, declarations: module.declarations?.map(forStorybook) })) });

/** `passkey-registered` → `onPasskeyRegistered`, the arg Storybook makes for an event in the manifest. */
const handlerName = (event: string) => `on${event.replace(/(?:^|-)(\w)/g, (_, letter: string) => letter.toUpperCase())}`;

/**
 * Every story without a render of its own: the element, with each arg applied as the manifest says, the way a page
 * would write it, so that "Show code" gives markup to copy: a string, number or boolean of an attribute (by its
 * name or its property's) becomes the attribute, a `--passkey-*` arg the custom property in `style`, an event's arg
 * a listener, and anything else (`strings`, `client`) the property.
 */
const render: ArgsStoryFn<WebComponentsRenderer> = (args, { component }) => {
  const element = document.createElement(component!);
  const doc = docOf(component);
  const attributes = new Map(doc?.attributes?.flatMap(({ name, fieldName }) => [[name, name], [fieldName ?? name, name]]));
  const fields = new Map(doc?.attributes?.map(({ name, fieldName }) => [name, fieldName ?? name]));
  const events = new Map(doc?.events?.map(({ name }) => [handlerName(name), name]));
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined || value === '' || value === false) continue;
    if (key.startsWith('--')) element.style.setProperty(key, String(value));
    else if (events.has(key)) element.addEventListener(events.get(key)!, value);
    else if (attributes.has(key) && ['string', 'number', 'boolean'].includes(typeof value)) element.setAttribute(attributes.get(key)!, value === true ? '' : String(value));
    else if (fields.has(key) || key in element) Reflect.set(element, fields.get(key) ?? key, value);
  }
  return element;
};

/** No controls for read-only properties, parts, slots and events (documentation only); custom properties take any CSS value. */
const controls: ArgTypesEnhancer<WebComponentsRenderer> = ({ argTypes, component }) => {
  const readonly = new Set(docOf(component)?.members?.filter((member) => member.readonly).map(({ name }) => name));
  return Object.fromEntries(
    Object.entries(argTypes).map(([name, argType]) => {
      const category = argType.table?.category ?? '';
      if (category === 'css custom properties') return [name, { ...argType, control: argType.control ?? { type: 'text' } }];
      if (readonly.has(name) || ['css shadow parts', 'slots', 'events'].includes(category)) return [name, { ...argType, control: false }];
      return [name, argType];
    }),
  );
};

const languageName = (locale: string) => new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;

/**
 * The toolbar's locale and colour scheme, for stories that do not set their own, and a page of that scheme
 * around them, as wide as `parameters.maxWidth`.
 */
const withToolbarGlobals: Decorator = (story, { args, globals, parameters }) => {
  const locale = args.locale || globals.locale || undefined;
  const colorScheme = args.colorScheme || globals.colorScheme || undefined;
  return html`<div style="color-scheme: ${colorScheme ?? 'light dark'}; background: Canvas; color: CanvasText; padding: 1.5rem">
    <div style="max-width: ${parameters.maxWidth ?? '26rem'}">${story({ args: { ...args, locale, colorScheme } })}</div>
  </div>`;
};

const preview: Preview = {
  render,
  argTypesEnhancers: [controls],
  decorators: [withToolbarGlobals],
  // A fresh mock backend for each story, then the story's parameters.mock and parameters.authenticator.
  async beforeEach(context) {
    await mockBeforeEach(context);
    await authenticatorBeforeEach(context.parameters);
  },
  tags: ['autodocs'],
  parameters: {
    layout: 'fullscreen',
    controls: { expanded: true },
    // "Show code": the story as a page writes it, without the page around it that the decorator draws, and boolean
    // attributes as a page writes them (`disabled`, not `disabled=""`).
    docs: { source: { excludeDecorators: true, transform: (code: string) => code.replace(/(\s[\w-]+)=""/g, '$1') } },
  },
  argTypes: {
    locale: { control: 'select', options: PASSKEY_LOCALES },
    colorScheme: { control: 'inline-radio', options: ['light', 'dark'] },
    'color-scheme': { control: 'inline-radio', options: ['light', 'dark'] },
    client: { control: false },
  },
  globalTypes: {
    locale: {
      description: 'The language of the elements (their `locale`), unless a story sets one',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        dynamicTitle: true,
        items: [{ value: '', title: 'Default (English)' }, ...PASSKEY_LOCALES.map((locale) => ({ value: locale, title: `${locale}: ${languageName(locale)}` }))],
      },
    },
    colorScheme: {
      description: 'The colour scheme of the elements (their `color-scheme`) and of the page, unless a story sets one',
      toolbar: {
        title: 'Color scheme',
        icon: 'contrast',
        dynamicTitle: true,
        items: [
          { value: '', title: 'System' },
          { value: 'light', icon: 'sun', title: 'Light' },
          { value: 'dark', icon: 'moon', title: 'Dark' },
        ],
      },
    },
  },
  initialGlobals: { locale: '', colorScheme: '' },
};

export default preview;
