import type { PasskeyStringKey } from '../../../i18n/index.ts';

/** A provider's icon as SVG markup: one for light backgrounds, one for dark (often the same). */
export interface ProviderIcons {
  light: string;
  dark: string;
}

/** A passkey provider of the community AAGUID list (see table.ts). */
export interface Provider {
  /** Its name in English, as the vendor writes it. */
  name: string;
  /** The string of the kit that holds its name in the person's language, where the vendor has one. */
  key?: Extract<PasskeyStringKey, `provider${string}`>;
  /** Loads its icons: a module of their own, fetched only when a listed passkey is of this provider. */
  icon?: () => Promise<ProviderIcons>;
}
