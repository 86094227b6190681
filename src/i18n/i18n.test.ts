import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import en from './en.ts';
import { directionOf, format, loadStrings, matchLocale, PASSKEY_LOCALES, registerLocale, type PasskeyStringKey } from './index.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('i18n', () => {
  it('matches a language tag to the closest shipped locale', () => {
    const cases: Record<string, string> = {
      de: 'de',
      'de-AT': 'de',
      ES: 'es',
      'fr-CA': 'fr',
      pt: 'pt-BR',
      'pt-PT': 'pt-BR',
      zh: 'zh-Hans',
      'zh-CN': 'zh-Hans',
      'zh-Hans-SG': 'zh-Hans',
      'zh-TW': 'en', // Traditional characters: English beats the wrong script
      'zh-Hant': 'en',
      'ja-JP': 'ja',
      'ar-EG': 'ar',
      en_GB: 'en',
      he: 'en',
      '': 'en',
      'not a tag!': 'en',
    };
    expect(Object.fromEntries(Object.keys(cases).map((tag) => [tag, matchLocale(tag)]))).to.deep.equal(cases);
  });

  it('loads every locale with every string, keeping its placeholders', async () => {
    for (const locale of PASSKEY_LOCALES) {
      const strings = await loadStrings(locale);
      for (const key of Object.keys(en) as PasskeyStringKey[]) {
        expect(strings[key]?.trim(), `${locale}.${key}`).to.be.a('string').and.not.equal('');
        expect(placeholders(strings[key]!), `${locale}.${key}`).to.deep.equal(placeholders(en[key]));
      }
      if (locale !== 'en') expect(strings.loginButton, `${locale} is translated`).to.not.equal(en.loginButton);
    }
  });

  it('translates every string, but for names that read the same in every language', async () => {
    // "USB", "NFC", "Bluetooth", and German's own word "Passkey".
    const sameEverywhere = new Set<PasskeyStringKey>(['transportUsb', 'transportNfc', 'transportBle', 'unnamed']);
    for (const locale of PASSKEY_LOCALES.filter((tag) => tag !== 'en')) {
      const strings = await loadStrings(locale);
      const untranslated = (Object.keys(en) as PasskeyStringKey[]).filter((key) => !sameEverywhere.has(key) && strings[key] === en[key]);
      expect(untranslated, `${locale} keeps English`).to.deep.equal([]);
    }
  });

  it('writes French as French typography wants: a narrow no-break space before ? ! ; and inside « », a no-break space before :', async () => {
    const french = await loadStrings('fr');
    const wrong = Object.entries(french).filter(([, text]) => typeof text === 'string' && /[ \u00A0][?!;»]|«[ \u00A0]| :|[^\s\u00A0\u202F(][?!;:»](?=\s|$)/.test(text.replace(/https?:\/\/\S+/g, '')));
    expect(wrong.map(([key]) => key)).to.deep.equal([]);
  });

  it('puts any username into a message as it is', () => {
    fc.assert(
      fc.property(fc.string(), (username) => {
        expect(format(en.authenticated, { username })).to.equal(`Signed in as ${username}.`);
      }),
    );
    expect(format('{missing} stays', {})).to.equal('{missing} stays');
  });

  it('knows each shipped locale\'s direction from its own table: Arabic right to left, the rest left to right', async () => {
    const directions = await Promise.all(PASSKEY_LOCALES.map(async (locale) => [locale, directionOf(await loadStrings(locale))]));
    expect(Object.fromEntries(directions)).to.deep.equal({ en: 'ltr', de: 'ltr', fr: 'ltr', es: 'ltr', ja: 'ltr', 'pt-BR': 'ltr', 'zh-Hans': 'ltr', ar: 'rtl' });
  });

  it('registers a language with its direction; it is matched, and what it lacks falls back', async () => {
    expect(matchLocale('he-IL')).to.equal('en');
    registerLocale('he', { dir: 'rtl', loginButton: 'כניסה עם מפתח גישה' });
    expect(matchLocale('he-IL')).to.equal('he');
    const hebrew = await loadStrings('he');
    expect(directionOf(hebrew)).to.equal('rtl');
    expect(hebrew.loginButton).to.equal('כניסה עם מפתח גישה');
    expect(hebrew.registerButton).to.equal(undefined); // the element falls back to its English

    registerLocale('de', { loginButton: 'Weiter mit Passkey' });
    const german = await loadStrings('de');
    expect(german.loginButton).to.equal('Weiter mit Passkey');
    expect(german.registerButton).to.equal('Passkey erstellen');
    expect(() => registerLocale('not a tag!', {})).to.throw(RangeError);
  });
});
