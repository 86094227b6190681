import { svg, type SVGTemplateResult } from 'lit';

/**
 * Names of well-known passkey providers by AAGUID, from the community list
 * https://github.com/passkeydeveloper/passkey-authenticator-aaguids (and the FIDO MDS for YubiKeys).
 *
 * `<passkey-manager>` loads this module with `import()` only when a list holds an unnamed passkey whose AAGUID
 * could be in it, so pages that never need it never download it. It stays short on purpose: a backend that
 * wants the full list (with the providers' logos) resolves names itself and sends them as `name`.
 *
 * No brand logos (their size, and their owners' rules): a glyph for the kind of provider tells the person what
 * matters, a password manager that syncs, something built into a device, or a key they carry.
 */
export type AuthenticatorKind = 'password-manager' | 'platform' | 'security-key';

export interface KnownAuthenticator {
  name: string;
  kind: AuthenticatorKind;
  /** A glyph for the kind, with part `provider-icon`. */
  icon: SVGTemplateResult;
}

const table: Record<string, Omit<KnownAuthenticator, 'icon'>> = {};
const add = (kind: AuthenticatorKind, name: string, ...aaguids: string[]) => {
  for (const aaguid of aaguids) table[aaguid] = { name, kind };
};

add('password-manager', 'Google Password Manager', 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4');
// Listed as "Apple Passwords" since iOS 18; most people still know it as iCloud Keychain.
add('password-manager', 'iCloud Keychain', 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd');
add('password-manager', 'iCloud Keychain (Managed)', 'dd4ec289-e01d-41c9-bb89-70fa845d4bf2');
add('password-manager', '1Password', 'bada5566-a7aa-401f-bd96-45619a55120d');
add('password-manager', 'Bitwarden', 'd548826e-79b4-db40-a3d8-11116f7e8349');
add('password-manager', 'Dashlane', '531126d6-e717-415c-9320-3d9aa6981239');
add('password-manager', 'Samsung Pass', '53414d53-554e-4700-0000-000000000000');
add('password-manager', 'Proton Pass', '50726f74-6f6e-5061-7373-50726f746f6e');
add('password-manager', 'KeePassXC', 'fdb141b2-5d84-443e-8a35-4698c205a502');
add('password-manager', 'Microsoft Password Manager', 'd3452668-01fd-4c12-926c-83a4204853aa');
add('platform', 'Windows Hello', '08987058-cadc-4b81-b6e1-30de50dcbe96', '9ddd1817-af5a-4672-a2b9-3e3dd95000a9', '6028b017-b1d4-4c02-b4b3-afcdafc96bb2');
add('platform', 'Chrome on Mac', 'adce0002-35bc-c60a-648b-0b25f1f05503');
add('platform', 'Edge on Mac', '771b48fd-d3d4-4f74-9232-fc157ab0507a');
add('platform', 'Chromium Browser', 'b5397666-4885-aa6b-cebf-e52262a439a2');
add('security-key', 'YubiKey 5 Series', 'cb69481e-8ff7-4039-93ec-0a2729a154a8', 'ee882879-721c-4913-9775-3dfcce97072a');

/** The provider of a passkey by its AAGUID (any case), if it is a well-known one. */
export function knownAuthenticator(aaguid: string): KnownAuthenticator | undefined {
  const known = table[aaguid.toLowerCase()];
  return known && { ...known, icon: KIND_ICONS[known.kind] };
}

// Decorative, like the kit's other icons: the provider's name is always written next to it.
const glyph = (kind: AuthenticatorKind, body: SVGTemplateResult) => svg`<svg part="provider-icon" data-kind=${kind} viewBox="0 0 24 24"
  fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;

/** A cloud with a key: a password manager that syncs its passkeys. A laptop: built into a device. A USB key. */
const KIND_ICONS: Record<AuthenticatorKind, SVGTemplateResult> = {
  'password-manager': glyph('password-manager', svg`<path d="M7 18a5 5 0 1 1 1.1-9.9A6 6 0 0 1 19.5 10 4 4 0 0 1 18 18Z"/><circle cx="10.5" cy="13" r="1.5"/><path d="M12 13h4m-1.5 0v1.5"/>`),
  platform: glyph('platform', svg`<rect x="4" y="5" width="16" height="11" rx="1.5"/><path d="M2 19h20"/>`),
  'security-key': glyph('security-key', svg`<rect x="3" y="8" width="13" height="8" rx="2"/><path d="M16 10h4v4h-4"/><circle cx="8" cy="12" r="1.5"/>`),
};
