// The one import of @lit/react. `npm run build` replaces this module in dist/react/ with @lit/react itself, bundled
// (scripts/build-frameworks.ts), so passkey-elements needs no dependency on it; the public types do not name it.
export { createComponent, type EventName } from '@lit/react';
