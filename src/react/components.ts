import * as React from 'react';
import type { ForwardRefExoticComponent, HTMLAttributes, RefAttributes } from 'react';
import { PasskeyLogin as PasskeyLoginElement } from '../elements/passkey-login/define.ts';
import { PasskeyManager as PasskeyManagerElement } from '../elements/passkey-manager/define.ts';
import { PasskeyRecovery as PasskeyRecoveryElement } from '../elements/passkey-recovery/define.ts';
import { PasskeyRegister as PasskeyRegisterElement } from '../elements/passkey-register/define.ts';
import type {
  PasskeyAuthenticatedEvent,
  PasskeyCredentialDeletedEvent,
  PasskeyCredentialRenamedEvent,
  PasskeyErrorEvent,
  PasskeyRecoverySentEvent,
  PasskeyRegisteredEvent,
} from '../elements/shared/events.ts';
import type { PasskeyElementProperties } from '../types/elements.ts';
import { createComponent, type EventName } from './lit-react.ts';

/** The React props of each event of the kit. */
export interface PasskeyEventProps {
  onPasskeyRegistered?: (event: PasskeyRegisteredEvent) => void;
  onPasskeyAuthenticated?: (event: PasskeyAuthenticatedEvent) => void;
  onPasskeyError?: (event: PasskeyErrorEvent) => void;
  onPasskeyCredentialRenamed?: (event: PasskeyCredentialRenamedEvent) => void;
  onPasskeyCredentialDeleted?: (event: PasskeyCredentialDeletedEvent) => void;
  onPasskeyRecoverySent?: (event: PasskeyRecoverySentEvent) => void;
}

/**
 * The props of a wrapped element: its own properties (`apiUrl`, `client`, `strings`…, set as properties), the
 * event props it fires, and React's HTML attributes (`className`, `id`…) with the ref to the element.
 */
export type PasskeyComponentProps<E extends HTMLElement, Events extends keyof PasskeyEventProps> = Omit<
  HTMLAttributes<E>,
  Events | keyof PasskeyElementProperties<E>
> &
  PasskeyElementProperties<E> &
  Pick<PasskeyEventProps, Events> &
  RefAttributes<E>;

export type PasskeyRegisterProps = PasskeyComponentProps<PasskeyRegisterElement, 'onPasskeyRegistered' | 'onPasskeyError'>;
export type PasskeyLoginProps = PasskeyComponentProps<PasskeyLoginElement, 'onPasskeyAuthenticated' | 'onPasskeyError'>;
export type PasskeyManagerProps = PasskeyComponentProps<
  PasskeyManagerElement,
  'onPasskeyCredentialRenamed' | 'onPasskeyCredentialDeleted' | 'onPasskeyRegistered' | 'onPasskeyError'
>;
export type PasskeyRecoveryProps = PasskeyComponentProps<PasskeyRecoveryElement, 'onPasskeyRecoverySent' | 'onPasskeyRegistered' | 'onPasskeyError'>;

const registered = 'passkey-registered' as EventName<PasskeyRegisteredEvent>;
const error = 'passkey-error' as EventName<PasskeyErrorEvent>;

/** `<passkey-register>` for React, with `onPasskeyRegistered` and `onPasskeyError`. Importing it defines the tag. */
export const PasskeyRegister: ForwardRefExoticComponent<PasskeyRegisterProps> = createComponent({
  react: React,
  tagName: 'passkey-register',
  elementClass: PasskeyRegisterElement,
  events: { onPasskeyRegistered: registered, onPasskeyError: error },
});

/** `<passkey-login>` for React, with `onPasskeyAuthenticated` and `onPasskeyError`. Importing it defines the tag. */
export const PasskeyLogin: ForwardRefExoticComponent<PasskeyLoginProps> = createComponent({
  react: React,
  tagName: 'passkey-login',
  elementClass: PasskeyLoginElement,
  events: { onPasskeyAuthenticated: 'passkey-authenticated' as EventName<PasskeyAuthenticatedEvent>, onPasskeyError: error },
});

/**
 * `<passkey-manager>` for React, with `onPasskeyCredentialRenamed`, `onPasskeyCredentialDeleted`,
 * `onPasskeyRegistered` and `onPasskeyError`. Importing it defines the tag.
 */
export const PasskeyManager: ForwardRefExoticComponent<PasskeyManagerProps> = createComponent({
  react: React,
  tagName: 'passkey-manager',
  elementClass: PasskeyManagerElement,
  events: {
    onPasskeyCredentialRenamed: 'passkey-credential-renamed' as EventName<PasskeyCredentialRenamedEvent>,
    onPasskeyCredentialDeleted: 'passkey-credential-deleted' as EventName<PasskeyCredentialDeletedEvent>,
    onPasskeyRegistered: registered,
    onPasskeyError: error,
  },
});

/** `<passkey-recovery>` for React, with `onPasskeyRecoverySent`, `onPasskeyRegistered` and `onPasskeyError`. Importing it defines the tag. */
export const PasskeyRecovery: ForwardRefExoticComponent<PasskeyRecoveryProps> = createComponent({
  react: React,
  tagName: 'passkey-recovery',
  elementClass: PasskeyRecoveryElement,
  events: { onPasskeyRecoverySent: 'passkey-recovery-sent' as EventName<PasskeyRecoverySentEvent>, onPasskeyRegistered: registered, onPasskeyError: error },
});
