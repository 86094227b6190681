import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import '../src/elements/passkey-manager/define.ts';
import { format } from '../src/i18n/index.ts';
import en from '../src/i18n/en.ts';
import { signedIn, signedInOnThisDevice, type MockParameters } from './support/mock.ts';
import { CEREMONY, lastDetail, rendered } from './support/play.ts';
import { dark, FAULTS, inLocale } from './support/states.ts';

const meta = {
  title: 'Elements/passkey-manager',
  component: 'passkey-manager',
  // The docs page shows the stories tagged `autodocs`: those signed in as the same person with the same passkeys (a
  // page has one cookie jar and one backend), and without faults (a docs page applies none). The rest need their play.
  tags: ['!autodocs'],
  parameters: { maxWidth: '40rem' },
  args: { onPasskeyCredentialRenamed: fn(), onPasskeyCredentialDeleted: fn(), onPasskeyRegistered: fn(), onPasskeyError: fn() },
} satisfies Meta;

export default meta;
type Story = StoryObj;

const USERNAME = 'ada@example.com';
/** Ada is signed in and has three passkeys, unnamed: iCloud Keychain, Google Password Manager, Windows Hello. */
const threePasskeys: MockParameters = { seed: signedIn(USERNAME, 3) };
/** A backend that follows the implementation guide: no `GET /session`. */
const withoutSession = { session: { status: 404, body: 'Not Found', headers: { 'content-type': 'text/plain' } } } as const;

/** The element once its list has loaded, and the list's rows. */
async function loaded(canvasElement: HTMLElement) {
  const view = await rendered(canvasElement, 'passkey-manager');
  await waitFor(() => expect(view.element.state).toBe('ready'));
  const list = await view.shadow.findByRole('list', { name: en.managerListLabel });
  return { ...view, rows: () => within(list).getAllByRole('listitem') };
}

/** Replaces the text of an input, as a person selecting it all and typing does. */
async function retype(input: HTMLInputElement, text: string): Promise<void> {
  await userEvent.type(input, text, { initialSelectionStart: 0, initialSelectionEnd: input.value.length });
}

/** What the live region under the list says. */
const said = (element: HTMLElement) => element.shadowRoot!.querySelector('[part~="message"]')!.textContent!.replace(/\s+/g, ' ').trim();

/** Every attribute, property, event, slot, part and custom property, from custom-elements.json: try them in Controls. */
export const Playground: Story = { tags: ['autodocs'], parameters: { mock: threePasskeys } };

/** Three passkeys nobody named: each is called after its provider, with its logo, and the minute it was made. */
export const ThreePasskeys: Story = {
  tags: ['autodocs'],
  parameters: { mock: threePasskeys },
  async play({ canvasElement }) {
    const { rows } = await loaded(canvasElement);
    const names = () => rows().map((row) => row.querySelector('[part~="name"]')!.textContent!);
    await waitFor(() => expect(names()).toEqual([expect.stringMatching(/^iCloud Keychain, /), expect.stringMatching(/^Google Password Manager, /), expect.stringMatching(/^Windows Hello, /)]));
    await waitFor(() => expect(rows().map((row) => row.querySelector('img[part~="provider-logo"]'))).not.toContain(null));
  },
};

/** On a phone: each row's buttons go under its details, and names keep their width. */
export const Phone: Story = {
  tags: ['autodocs'],
  parameters: { mock: threePasskeys, maxWidth: '20.4375rem' /* 375 px, less the page's padding */ },
  async play({ canvasElement }) {
    const { rows } = await loaded(canvasElement);
    for (const row of rows()) {
      const details = row.querySelector('[part~="details"]')!.getBoundingClientRect();
      await expect(row.querySelector('[part~="actions"]')!.getBoundingClientRect().top).toBeGreaterThanOrEqual(details.bottom - 1);
      await expect(details.width).toBeGreaterThanOrEqual(160);
      await expect(row.scrollWidth).toBeLessThanOrEqual(row.clientWidth);
    }
  },
};

/** The list is on its way: placeholder rows. */
export const Loading: Story = {
  parameters: { mock: { ...threePasskeys, faults: { 'credentials/list': FAULTS.neverAnswers } } satisfies MockParameters },
  async play({ canvasElement }) {
    const { element, shadow } = await rendered(canvasElement, 'passkey-manager');
    await expect(await shadow.findByText(en.managerLoading)).toBeVisible();
    await expect(element.shadowRoot!.querySelector('[part~="list"]')).toHaveAttribute('aria-busy', 'true');
    await expect(element.getAttribute('state')).toBe('loading');
  },
};

/** Signed in, with no passkey yet. */
export const Empty: Story = {
  parameters: { mock: { seed: signedIn(USERNAME, 0) } satisfies MockParameters },
  async play({ canvasElement }) {
    const { shadow } = await rendered(canvasElement, 'passkey-manager');
    await expect(await shadow.findByText(en.managerEmpty)).toBeVisible();
    await expect(shadow.getByRole('button', { name: en.addButton })).toBeEnabled();
  },
};

/** Someone with 500 passkeys: the list still renders, every row with its actions. */
export const ManyPasskeys: Story = {
  parameters: { mock: { seed: signedIn(USERNAME, 500) } satisfies MockParameters },
  async play({ canvasElement }) {
    const { element } = await loaded(canvasElement);
    await expect(element.shadowRoot!.querySelectorAll('[part~="row"]')).toHaveLength(500);
    await expect(element.shadowRoot!.querySelectorAll('[part~="delete-button"]')).toHaveLength(500);
  },
};

/** Nobody is signed in: the server answers 401. */
export const Unauthorized: Story = {
  async play({ canvasElement, args }) {
    const { element, shadow } = await rendered(canvasElement, 'passkey-manager');
    await expect(await shadow.findByText(en.managerUnauthorized)).toBeVisible();
    await expect(shadow.queryByRole('button')).toBeNull();
    await expect(element.getAttribute('state')).toBe('unauthorized');
    await expect(lastDetail(args.onPasskeyError)).toMatchObject({ code: 'unauthorized', phase: 'manage' });
  },
};

/** The list could not be loaded: the reason, and a way to try again. */
export const LoadError: Story = {
  parameters: { mock: { ...threePasskeys, faults: { 'credentials/list': FAULTS.serverErrorPage } } satisfies MockParameters },
  async play({ canvasElement }) {
    const { element, shadow } = await rendered(canvasElement, 'passkey-manager');
    await expect(await shadow.findByRole('alert')).toHaveTextContent(en.errorServer);
    await expect(shadow.getByRole('button', { name: en.retryButton })).toBeEnabled();
    await expect(element.getAttribute('state')).toBe('error');
  },
};

/** Renames a passkey inline: the 64-character limit and a counter in view, Enter saves. */
export const Rename: Story = {
  parameters: { mock: threePasskeys },
  async play({ canvasElement, args }) {
    const { element, shadow } = await loaded(canvasElement);
    await userEvent.click(await shadow.findByRole('button', { name: /^Rename iCloud Keychain/ }));
    const field = shadow.getByRole('textbox', { name: en.nameLabel });
    await expect(field).toHaveAttribute('maxlength', '64');
    await expect(field).toHaveAccessibleDescription(expect.stringContaining(format(en.nameTooLong, { max: '64' })));
    await retype(field as HTMLInputElement, 'Work laptop{Enter}');
    await waitFor(() => expect(lastDetail(args.onPasskeyCredentialRenamed)).toMatchObject({ name: 'Work laptop' }));
    await expect(await shadow.findByRole('button', { name: 'Rename Work laptop' })).toBeVisible();
    await waitFor(() => expect(said(element)).toBe(format(en.renamed, { name: 'Work laptop' })));
  },
};

/** A rename the server could not save: the row says why, and the editor stays open. */
export const RenameFails: Story = {
  parameters: { mock: { ...threePasskeys, faults: { 'credentials/rename': FAULTS.networkDown } } satisfies MockParameters },
  async play({ canvasElement }) {
    const { element, shadow } = await loaded(canvasElement);
    await userEvent.click(await shadow.findByRole('button', { name: /^Rename iCloud Keychain/ }));
    await userEvent.type(shadow.getByRole('textbox', { name: en.nameLabel }), ' (old){Enter}');
    await waitFor(() => expect(element.shadowRoot!.querySelector('[part~="row-message"]')).toHaveTextContent(en.errorNetwork));
    await expect(shadow.getByRole('textbox', { name: en.nameLabel })).toBeVisible();
  },
};

/** A backend without `PATCH /credentials/:id` (the guide's): after its first 405, Rename is no longer offered. */
export const RenameUnavailable: Story = {
  parameters: { mock: { ...threePasskeys, faults: { 'credentials/rename': { status: 405, body: 'Method Not Allowed', headers: { 'content-type': 'text/plain' } } } } satisfies MockParameters },
  async play({ canvasElement }) {
    const { element, shadow } = await loaded(canvasElement);
    await userEvent.click(await shadow.findByRole('button', { name: /^Rename iCloud Keychain/ }));
    await userEvent.type(shadow.getByRole('textbox', { name: en.nameLabel }), ' (old){Enter}');
    await waitFor(() => expect(element.shadowRoot!.querySelector('[part~="row-message"]')).toHaveTextContent(en.renameUnavailable));
    await expect(shadow.queryAllByRole('button', { name: /^Rename/ })).toHaveLength(0);
  },
};

/** Deletes a passkey, after asking which one; the message under the list says it is gone. */
export const Delete: Story = {
  parameters: { mock: threePasskeys },
  async play({ canvasElement, args }) {
    const { element, shadow, rows } = await loaded(canvasElement);
    const name = rows()[1]!.querySelector('[part~="name"]')!.textContent!;
    await userEvent.click(await shadow.findByRole('button', { name: `Delete ${name}` }));
    // The name sits in a <bdi> of its own: the question's whole text, not its own text nodes.
    await expect(element.shadowRoot!.querySelector('[part~="confirm-text"]')).toHaveTextContent(format(en.deleteConfirm, { name }));
    await userEvent.click(shadow.getByRole('button', { name: en.deleteConfirmButton }));
    await waitFor(() => expect(lastDetail(args.onPasskeyCredentialDeleted)).toMatchObject({ credentialId: expect.any(String) }));
    await waitFor(() => expect(rows()).toHaveLength(2));
    await expect(said(element)).toBe(format(en.deleted, { name }));
  },
};

/** The only passkey: Delete is off from the start, and says why (the person could not sign in again). */
export const OnlyPasskey: Story = {
  parameters: { mock: { seed: signedIn(USERNAME, 1) } satisfies MockParameters },
  async play({ canvasElement, args }) {
    const { element, shadow } = await loaded(canvasElement);
    const remove = await shadow.findByRole('button', { name: /^Delete iCloud Keychain/ });
    await expect(remove).toHaveAttribute('aria-disabled', 'true');
    await expect(remove).toHaveAccessibleDescription(en.deleteLastRefused);
    await userEvent.click(remove);
    await expect(element.shadowRoot!.querySelector('[part~="confirm"]')).toBeNull();
    await expect(args.onPasskeyCredentialDeleted).not.toHaveBeenCalled();
  },
};

/** With `allow-delete-last`, for people who can sign in some other way: the only passkey can go. */
export const AllowDeleteLast: Story = {
  args: { allowDeleteLast: true },
  parameters: { mock: { seed: signedIn(USERNAME, 1) } satisfies MockParameters },
  async play({ canvasElement }) {
    const { shadow } = await loaded(canvasElement);
    await userEvent.click(await shadow.findByRole('button', { name: /^Delete iCloud Keychain/ }));
    await userEvent.click(shadow.getByRole('button', { name: en.deleteConfirmButton }));
    await expect(await shadow.findByText(en.managerEmpty)).toBeVisible();
  },
};

/** Adds a passkey on this device: the browser's prompt, then the new passkey opens to be named, its suggestion selected. */
export const Add: Story = {
  parameters: { mock: { seed: signedIn(USERNAME, 1) } satisfies MockParameters },
  async play({ canvasElement, args }) {
    const { element, shadow, rows } = await loaded(canvasElement);
    await userEvent.click(shadow.getByRole('button', { name: en.addButton }));
    await waitFor(() => expect(said(element)).toBe(en.added), CEREMONY);
    await expect(lastDetail(args.onPasskeyRegistered)).toMatchObject({ username: USERNAME });
    await waitFor(() => expect(rows()).toHaveLength(2));
    const field = await shadow.findByRole('textbox', { name: en.nameLabel });
    // (Focus inside a shadow root: the document's active element is the host.)
    await waitFor(() => expect(element.shadowRoot!.activeElement).toBe(field));
    await expect([(field as HTMLInputElement).selectionStart, (field as HTMLInputElement).selectionEnd]).toEqual([0, (field as HTMLInputElement).value.length]);
  },
};

/** This device already holds a passkey of the account: the browser refuses a second one. */
export const AddAlreadyOnThisDevice: Story = {
  parameters: { mock: { seed: signedInOnThisDevice(USERNAME) } satisfies MockParameters },
  async play({ canvasElement, args }) {
    const { element, shadow } = await loaded(canvasElement);
    await userEvent.click(shadow.getByRole('button', { name: en.addButton }));
    await waitFor(() => expect(said(element)).toBe(en.addAlreadyRegistered), CEREMONY);
    await expect(lastDetail(args.onPasskeyError)).toMatchObject({ code: 'already-registered' });
  },
};

/** A backend without `GET /session` (the guide's): `username` says which account "Add a passkey" adds to. */
export const AddWithoutSessionEndpoint: Story = {
  args: { username: USERNAME },
  parameters: { mock: { seed: signedIn(USERNAME, 1), faults: withoutSession } satisfies MockParameters },
  async play({ canvasElement, args }) {
    const { shadow, rows } = await loaded(canvasElement);
    await userEvent.click(shadow.getByRole('button', { name: en.addButton }));
    await waitFor(() => expect(lastDetail(args.onPasskeyRegistered)).toMatchObject({ username: USERNAME }), CEREMONY);
    await waitFor(() => expect(rows()).toHaveLength(2));
  },
};

/** No `GET /session` and no `username`: nothing says which account to add to, and the page hears why. */
export const NoAccountToAddTo: Story = {
  parameters: { mock: { seed: signedIn(USERNAME, 1), faults: withoutSession } satisfies MockParameters },
  async play({ canvasElement, args }) {
    const { element, shadow } = await loaded(canvasElement);
    await userEvent.click(shadow.getByRole('button', { name: en.addButton }));
    await waitFor(() => expect(lastDetail(args.onPasskeyError)).toMatchObject({ code: 'unauthorized', phase: 'manage' }));
    await expect(said(element)).toBe(en.errorUnauthorized);
  },
};

/** In a browser without WebAuthn: no "Add a passkey", an explanation instead; the list can still be renamed and cleaned up. */
export const NotSupported: Story = {
  parameters: { mock: threePasskeys },
  // The one place a story changes the browser instead of the backend: it hides `PublicKeyCredential`, as an old browser lacks it.
  beforeEach() {
    const original = Object.getOwnPropertyDescriptor(window, 'PublicKeyCredential');
    Reflect.deleteProperty(window, 'PublicKeyCredential');
    return () => void (original && Object.defineProperty(window, 'PublicKeyCredential', original));
  },
  async play({ canvasElement }) {
    const { shadow, rows } = await loaded(canvasElement);
    await expect(shadow.getByText(en.notSupported)).toBeVisible();
    await expect(shadow.queryByRole('button', { name: en.addButton })).toBeNull();
    await expect(rows()).toHaveLength(3);
  },
};

/** With `disabled`: every button is off but Cancel. */
export const Disabled: Story = {
  tags: ['autodocs'],
  args: { disabled: true },
  parameters: { mock: threePasskeys },
  async play({ canvasElement }) {
    const { element, shadow } = await loaded(canvasElement);
    await expect(element).toHaveAttribute('disabled');
    await expect(shadow.getByRole('button', { name: en.addButton })).toBeDisabled();
    for (const button of shadow.getAllByRole('button', { name: /^(Rename|Delete) / })) await expect(button).toBeDisabled();
  },
};

export const Dark = dark('passkey-manager', threePasskeys, loaded);

export const German = inLocale('passkey-manager', 'de', 'addButton', threePasskeys);
export const French = inLocale('passkey-manager', 'fr', 'addButton', threePasskeys);
export const Spanish = inLocale('passkey-manager', 'es', 'addButton', threePasskeys);
export const Japanese = inLocale('passkey-manager', 'ja', 'addButton', threePasskeys);
export const BrazilianPortuguese = inLocale('passkey-manager', 'pt-BR', 'addButton', threePasskeys);
export const SimplifiedChinese = inLocale('passkey-manager', 'zh-Hans', 'addButton', threePasskeys);
export const ArabicRightToLeft = inLocale('passkey-manager', 'ar', 'addButton', threePasskeys);

/** Global `--passkey-*` tokens on the page, this element's own custom properties, and `::part()` for the rest. */
export const Theming: Story = {
  tags: ['autodocs'],
  parameters: { mock: threePasskeys },
  render: ({ colorScheme }) => html`
    <style>
      .brand {
        --passkey-color-accent: #b45309;
        --passkey-radius: 0.25rem;
      }
      .brand passkey-manager {
        --passkey-row-background: #fffbeb;
        --passkey-danger-background: #7f1d1d;
      }
      .brand passkey-manager::part(name) {
        font-weight: 700;
      }
    </style>
    <div class="brand"><passkey-manager color-scheme=${ifDefined(colorScheme)}></passkey-manager></div>
  `,
  async play({ canvasElement }) {
    const { shadow } = await loaded(canvasElement);
    const add = getComputedStyle(shadow.getByRole('button', { name: en.addButton }));
    await expect(add.backgroundColor).toBe('rgb(180, 83, 9)');
  },
};
