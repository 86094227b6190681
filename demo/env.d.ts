// What vite.config.ts defines for the demo.
interface ImportMeta {
  readonly env: { readonly PASSKEY_API_URL: string };
}
