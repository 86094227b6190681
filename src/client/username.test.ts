import { expect } from '@open-wc/testing';
import { checkUsername, usernameKey } from './username.ts';

describe('usernames: one check for the browser and the server', () => {
  it('makes look-alike names one account', () => {
    const same = [
      ['Alice', 'alice', 'ALICE'],
      ['Ａｌｉｃｅ', 'alice'], // full-width letters
      ['caf\u00e9', 'cafe\u0301', 'CAFÉ'], // composed and decomposed é
      ['straße', 'STRASSE', 'STRAẞE', 'Strasse'],
      ['ΟΔΥΣΣΕΥΣ', 'οδυσσευς', 'οδυσσευς'.replace(/σ$/, 'ς')],
      ['ﬁle', 'file'], // a ligature
    ];
    for (const names of same) expect(new Set(names.map(usernameKey)), names.join(' / ')).to.have.length(1);
    expect(usernameKey('alice')).not.to.equal(usernameKey('alicia'));
  });

  it('refuses invisible, format, direction-changing and control characters', () => {
    for (const name of ['al\u200bice', 'alice\u200d', '\u202eecila', 'al\u2066ice\u2069', 'ali\u00adce', 'alice\u0000', 'ali\nce', 'ali\u2028ce', '\u3164alice', 'alice\ufe0f', 'al\ue000ice']) {
      expect(checkUsername(name), JSON.stringify(name)).to.deep.equal({ ok: false, reason: 'forbidden-character' });
    }
  });

  it('trims, normalises to NFC and caps the length', () => {
    expect(checkUsername('  cafe\u0301@example.com ')).to.deep.equal({ ok: true, username: 'caf\u00e9@example.com', key: 'café@example.com' });
    expect(checkUsername('   ')).to.deep.equal({ ok: false, reason: 'empty' });
    expect(checkUsername('a'.repeat(257))).to.deep.equal({ ok: false, reason: 'too-long' });
    expect(checkUsername('😀'.repeat(256)).ok, 'counted in characters, not UTF-16 units').to.equal(true);
    expect(checkUsername('+44 20 7946 0958').ok).to.equal(true);
    expect(checkUsername('محمد').ok).to.equal(true);
  });
});
