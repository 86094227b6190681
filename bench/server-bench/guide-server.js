// The implementation guide's Step 3 Node.js/Express server (../shared/seed/implementation-guide.md), as written,
// quirks included: challenges keyed by username, a linear scan of every user to find a credential, no sessions, no
// rate limits, error messages sent to the client. `npm run bench:server` measures it beside passkey-elements-server.
//
// Changed only where it cannot run, each marked `FIX:`. The guide was written for @simplewebauthn/server 9; this
// repository has 14, whose API renamed or retyped what the guide uses, and the guide's `require` cannot run in an
// ES module. The port comes from PORT (0: any free one) instead of 3001, so a bench can run it anywhere.

// server.js
import express from 'express';
import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
} from '@simplewebauthn/server';
// FIX: `require('crypto')` in generateRandomUserId throws in an ES module; imported here instead.
import crypto from 'crypto';

const app = express();
app.use(express.json());

// Configuration
const RP_NAME = 'My App';
const RP_ID = 'localhost'; // Your domain
const ORIGIN = 'http://localhost:3000';

// In-memory storage (use a database in production!)
const users = new Map();
const challenges = new Map();

// Registration Options
app.post('/api/passkey/register/options', async (req, res) => {
  const { username, displayName, userId } = req.body;
  
  const userIdToUse = userId || generateRandomUserId();
  
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: RP_ID,
    // FIX: version 10 and later refuse a string userID ("String values for `userID` are no longer supported").
    userID: Buffer.from(userIdToUse),
    userName: username,
    userDisplayName: displayName,
    attestationType: 'none',
    authenticatorSelection: {
      residentKey: 'preferred',
      userVerification: 'preferred',
    },
  });
  
  // Store challenge
  challenges.set(username, {
    challenge: options.challenge,
    userId: userIdToUse,
    expiresAt: Date.now() + 5 * 60 * 1000, // 5 minutes
  });
  
  res.json(options);
});

// Registration Verification
app.post('/api/passkey/register/verify', async (req, res) => {
  const { username, credential } = req.body;
  
  const challengeData = challenges.get(username);
  if (!challengeData || challengeData.expiresAt < Date.now()) {
    return res.status(400).json({ error: 'Challenge not found or expired' });
  }
  challenges.delete(username);
  
  try {
    const verification = await verifyRegistrationResponse({
      response: credential,
      expectedChallenge: challengeData.challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
    });
    
    if (!verification.verified || !verification.registrationInfo) {
      return res.status(400).json({ error: 'Verification failed' });
    }
    
    // FIX: version 10 and later return the credential as registrationInfo.credential { id, publicKey, counter },
    // with `id` already base64url text; `Buffer.from(credentialID)` below would encode that text a second time.
    const { id: credentialIdText, publicKey: credentialPublicKey, counter } = verification.registrationInfo.credential;
    const credentialID = Buffer.from(credentialIdText, 'base64url');
    
    // Save user and credential
    const user = users.get(username) || {
      userId: challengeData.userId,
      username,
      displayName: username,
      credentials: [],
    };
    
    user.credentials.push({
      id: Buffer.from(credentialID).toString('base64url'),
      publicKey: Buffer.from(credentialPublicKey).toString('base64url'),
      counter,
      transports: credential.response.transports,
    });
    
    users.set(username, user);
    
    res.json({
      verified: true,
      userId: user.userId,
      credentialId: Buffer.from(credentialID).toString('base64url'),
    });
  } catch (error) {
    res.status(500).json({ error: error.message });
  }
});

// Authentication Options
app.post('/api/passkey/authenticate/options', async (req, res) => {
  const { username } = req.body;
  
  let allowCredentials = [];
  if (username) {
    const user = users.get(username);
    if (user) {
      allowCredentials = user.credentials.map(cred => ({
        // FIX: version 10 and later take the id as base64url text and throw on bytes.
        id: cred.id,
        type: 'public-key',
        transports: cred.transports,
      }));
    }
  }
  
  const options = await generateAuthenticationOptions({
    rpID: RP_ID,
    allowCredentials,
    userVerification: 'preferred',
  });
  
  // Store challenge
  challenges.set(username || '__no_username__', {
    challenge: options.challenge,
    expiresAt: Date.now() + 5 * 60 * 1000,
  });
  
  res.json(options);
});

// Authentication Verification
app.post('/api/passkey/authenticate/verify', async (req, res) => {
  const { username, credential } = req.body;
  
  const challengeData = challenges.get(username || '__no_username__');
  if (!challengeData || challengeData.expiresAt < Date.now()) {
    return res.status(400).json({ error: 'Challenge not found or expired' });
  }
  challenges.delete(username || '__no_username__');
  
  try {
    // Find user by credential ID
    let user = null;
    for (const [key, value] of users.entries()) {
      if (value.credentials.some(c => c.id === credential.id)) {
        user = value;
        break;
      }
    }
    
    if (!user) {
      return res.status(400).json({ error: 'User not found' });
    }
    
    const dbCredential = user.credentials.find(c => c.id === credential.id);
    
    const verification = await verifyAuthenticationResponse({
      response: credential,
      expectedChallenge: challengeData.challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
      // FIX: version 10 and later take `credential: { id, publicKey, counter }` instead of `authenticator`.
      credential: {
        id: dbCredential.id,
        publicKey: Buffer.from(dbCredential.publicKey, 'base64url'),
        counter: dbCredential.counter,
      },
    });
    
    if (!verification.verified) {
      return res.status(400).json({ error: 'Verification failed' });
    }
    
    // Update counter
    dbCredential.counter = verification.authenticationInfo.newCounter;
    users.set(user.username, user);
    
    res.json({
      verified: true,
      userId: user.userId,
      username: user.username,
    });
  } catch (error) {
    res.status(500).json({ error: error.message });
  }
});

// FIX: port 0 (any free port) for the bench instead of 3001; the address is printed for the bench to read.
const server = app.listen(Number(process.env.PORT ?? 3001), '127.0.0.1', () => {
  console.log(`Server running on http://127.0.0.1:${server.address().port}`);
});

function generateRandomUserId() {
  // Use Node.js crypto module
  // FIX: `const crypto = require('crypto');` throws "require is not defined" here; see the import at the top.
  return crypto.randomBytes(32).toString('base64url');
}
