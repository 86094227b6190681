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
  // The docs page shows the playground and the looks below tagged `autodocs`, all signed in as the same person
  // (a page has one cookie jar); the states need their play function.
  tags: ['!autodocs'],
  parameters: { maxWidth: '40rem' },
  args: { onPasskeyCredentialRenamed: fn(), onPasskeyCredentialDeleted: fn(), onPasskeyRegistered: fn(), onPasskeyError: fn() },
} satisfies Meta;

export default meta;
type Story = StoryObj;

const USERNAME = 'ada@example.com';
/** Ada is signed in and has three passkeys: iCloud Keychain, Google Password Manager, Windows Hello. */
const threePasskeys: MockParameters = { seed: signedIn(USERNAME, 3) };

/** The element once its list has loaded, and the list's rows. */
async function loaded(canvasElement: HTMLElement) {
  const view = await rendered(canvasElement, 'passkey-manager');
  await waitFor(() => expect(view.element.state).toBe('ready'));
  const list = view.shadow.getByRole('list', { name: en.managerListLabel });
  return { ...view, rows: () => within(list).getAllByRole('listitem') };
}

/** Replaces the text of an input, as a person selecting it all and typing does. */
async function retype(input: HTMLInputElement, text: string): Promise<void> {
  await userEvent.type(input, text, { initialSelectionStart: 0, initialSelectionEnd: input.value.length });
}

/** Every attribute, property, event, slot, part and custom property, from custom-elements.json: try them in Controls. */
export const Playground: Story = { tags: ['autodocs'], parameters: { mock: threePasskeys } };

/** The list is on its way: placeholder rows. */
export const Loading: Story = {
  parameters: { mock: { ...threePasskeys, faults: { 'credentials/list': FAULTS.neverAnswers } } satisfies MockParameters },
  async play({ canvasElement }) {
    const { element, shadow } = await rendered(canvasElement, 'passkey-manager');
    await expect(shadow.getByText(en.managerLoading)).toBeVisible();
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

/** Three passkeys: two synced by password managers (named after them), one on a Windows laptop. */
export const ThreePasskeys: Story = {
  parameters: { mock: threePasskeys },
  async play({ canvasElement }) {
    const { rows } = await loaded(canvasElement);
    await waitFor(() => expect(rows().map((row) => row.querySelector('[part~="name"]')!.textContent)).toEqual(['iCloud Keychain', 'Google Password Manager', 'Windows Hello']));
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

/** Renames a passkey inline. */
export const Rename: Story = {
  parameters: { mock: threePasskeys },
  async play({ canvasElement, args }) {
    const { shadow } = await loaded(canvasElement);
    await userEvent.click(await shadow.findByRole('button', { name: 'Rename iCloud Keychain' }));
    await retype(shadow.getByRole('textbox', { name: en.nameLabel }), 'Work laptop{Enter}');
    await waitFor(() => expect(lastDetail(args.onPasskeyCredentialRenamed)).toMatchObject({ name: 'Work laptop' }));
    await expect(await shadow.findByRole('button', { name: 'Rename Work laptop' })).toBeVisible();
    await expect(await shadow.findByText(format(en.renamed, { name: 'Work laptop' }))).toBeInTheDocument();
  },
};

/** A rename the server could not save: the row says why, and the editor stays open. */
export const RenameFails: Story = {
  parameters: { mock: { ...threePasskeys, faults: { 'credentials/rename': FAULTS.networkDown } } satisfies MockParameters },
  async play({ canvasElement }) {
    const { element, shadow } = await loaded(canvasElement);
    await userEvent.click(await shadow.findByRole('button', { name: 'Rename iCloud Keychain' }));
    await userEvent.type(shadow.getByRole('textbox', { name: en.nameLabel }), ' (old){Enter}');
    await waitFor(() => expect(element.shadowRoot!.querySelector('[part~="row-message"]')).toHaveTextContent(en.errorNetwork));
    await expect(shadow.getByRole('textbox', { name: en.nameLabel })).toBeVisible();
  },
};

/** Deletes a passkey, after asking. */
export const Delete: Story = {
  parameters: { mock: threePasskeys },
  async play({ canvasElement, args }) {
    const { shadow, rows } = await loaded(canvasElement);
    await userEvent.click(await shadow.findByRole('button', { name: 'Delete Google Password Manager' }));
    await expect(shadow.getByText(format(en.deleteConfirm, { name: 'Google Password Manager' }))).toBeVisible();
    await userEvent.click(shadow.getByRole('button', { name: en.deleteConfirmButton }));
    await waitFor(() => expect(lastDetail(args.onPasskeyCredentialDeleted)).toMatchObject({ credentialId: expect.any(String) }));
    await waitFor(() => expect(rows()).toHaveLength(2));
  },
};

/** The last passkey cannot be deleted (unless `allow-delete-last`): the person could not sign in again. */
export const DeleteLastRefused: Story = {
  parameters: { mock: { seed: signedIn(USERNAME, 1) } satisfies MockParameters },
  async play({ canvasElement, args }) {
    const { element, shadow } = await loaded(canvasElement);
    await userEvent.click(await shadow.findByRole('button', { name: 'Delete iCloud Keychain' }));
    await expect(element.shadowRoot!.querySelector('[part~="row-message"]')).toHaveTextContent(en.deleteLastRefused);
    await expect(args.onPasskeyCredentialDeleted).not.toHaveBeenCalled();
  },
};

/** Adds a passkey on this device: the browser's prompt, then the new passkey in the list. */
export const Add: Story = {
  parameters: { mock: { seed: signedIn(USERNAME, 1) } satisfies MockParameters },
  async play({ canvasElement, args }) {
    const { element, shadow, rows } = await loaded(canvasElement);
    await userEvent.click(shadow.getByRole('button', { name: en.addButton }));
    await waitFor(() => expect(element.shadowRoot!.querySelector('[part~="message"]')).toHaveTextContent(en.added), CEREMONY);
    await expect(lastDetail(args.onPasskeyRegistered)).toMatchObject({ username: USERNAME });
    await waitFor(() => expect(rows()).toHaveLength(2));
  },
};

/** This device already holds a passkey of the account: the browser refuses a second one. */
export const AddAlreadyOnThisDevice: Story = {
  parameters: { mock: { seed: signedInOnThisDevice(USERNAME) } satisfies MockParameters },
  async play({ canvasElement, args }) {
    const { element, shadow } = await loaded(canvasElement);
    await userEvent.click(shadow.getByRole('button', { name: en.addButton }));
    await waitFor(() => expect(element.shadowRoot!.querySelector('[part~="message"]')).toHaveTextContent(en.addAlreadyRegistered), CEREMONY);
    await expect(lastDetail(args.onPasskeyError)).toMatchObject({ code: 'already-registered' });
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
      .brand passkey-manager::part(provider-icon) {
        color: #b45309;
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
