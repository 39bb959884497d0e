// A real OpenID Connect provider for the sign-in browser test: panva's oidc-provider (an
// OpenID-certified implementation) on 127.0.0.1, with one client and a small sign-in page of
// its own (an e-mail address and a password) in place of the library's dev interactions.
//
//   node server.mjs --port 9000 --redirect-uri http://127.0.0.1:8501/oauth2callback \
//     --client-id storyillus --client-secret s3cret \
//     --accounts '[{"sub": "alice-1", "email": "alice@example.com", "name": "Alice", "password": "pw"}]'
//
// It prints "listening on ISSUER" once it serves. What a real provider does that this one
// must be told (tests/e2e/test_signin_browser.py relies on each):
// - Issuer and redirect URI on http://127.0.0.1: allowed as they are (no proxy setting is
//   needed without a proxy in front; Authlib accepts plain http on loopback addresses).
// - PKCE: Streamlit's Authlib client sends an S256 code_challenge because discovery lists
//   S256; `pkce.required` makes a client that forgot it fail here.
// - prompt=select_account: Streamlit asks for it unless [auth] client_kwargs says otherwise;
//   oidc-provider refuses prompts its policy lacks, so the policy has a select_account prompt
//   that the sign-in page resolves.
// - Claims in the ID token: Authlib reads the user from the ID token alone (it never calls
//   userinfo), so conformIdTokenClaims is off and the email and profile scopes' claims go in.
// - Consent: a first-party client, granted its scopes without a consent page.
// - Sign-out: st.logout sends the browser to end_session with post_logout_redirect_uri set to
//   the redirect URI (/oauth2callback), so that URI is registered for sign-out too.

import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import { parseArgs } from 'node:util';

import Provider, { interactionPolicy } from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string' },
    'redirect-uri': { type: 'string' },
    'client-id': { type: 'string', default: 'storyillus' },
    'client-secret': { type: 'string', default: 'storyillus-test-secret' },
    accounts: { type: 'string', default: '[]' },
  },
});
if (!args.port || !args['redirect-uri']) {
  console.error('usage: node server.mjs --port PORT --redirect-uri URI [--client-id ID] '
    + '[--client-secret SECRET] [--accounts JSON]');
  process.exit(2);
}

const issuer = `http://127.0.0.1:${args.port}`;
const accounts = JSON.parse(args.accounts);
const bySub = new Map(accounts.map((account) => [account.sub, account]));
const SCOPES = 'openid email profile';

const policy = interactionPolicy.base();
policy.add(new interactionPolicy.Prompt({ name: 'select_account', requestable: true }));

const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

const provider = new Provider(issuer, {
  clients: [{
    client_id: args['client-id'],
    client_secret: args['client-secret'],
    redirect_uris: [args['redirect-uri']],
    post_logout_redirect_uris: [args['redirect-uri']],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  conformIdTokenClaims: false,
  async findAccount(ctx, sub) {
    const account = bySub.get(sub);
    if (!account) return undefined;
    return {
      accountId: sub,
      async claims() {
        return { sub, email: account.email, email_verified: true, name: account.name };
      },
    };
  },
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope(SCOPES);
    await grant.save();
    return grant;
  },
  interactions: {
    policy,
    url: (ctx, interaction) => `/interaction/${interaction.uid}`,
  },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: { enabled: true, logoutSource },
  },
  pkce: { required: () => true },
  cookies: { keys: ['storyillus-test-oidc-cookie-key'] },
  jwks: { keys: [{ ...signingKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256' }] },
});

const STYLE = `<style>
  body { font-family: sans-serif; background: #f4f1ea; color: #2d2a32; }
  main { max-width: 22rem; margin: 4rem auto; padding: 2rem; background: #fff;
    border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
  h1 { font-size: 1.3rem; margin-top: 0; }
  label { display: block; margin: .8rem 0 .3rem; }
  input { width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; }
  button { margin-top: 1.2rem; width: 100%; padding: .6rem; font-size: 1rem; border: 0;
    border-radius: 4px; background: #3f6fb5; color: #fff; cursor: pointer; }
  button.secondary { background: #ddd; color: #2d2a32; }
  .error { color: #b3261e; }
</style>`;

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title, body) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
${STYLE}</head><body><main><h1>${title}</h1>${body}</main></body></html>`;
}

async function logoutSource(ctx, form) {
  ctx.body = page('Sign out of the test provider?', `${form}
    <button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
    <button class="secondary" type="submit" form="op.logoutForm">No, stay signed in</button>`);
}

function signInPage(uid, clientId, error = '') {
  return page('Sign in to the test provider', `
    <p>to continue to <b>${escape(clientId)}</b></p>
    ${error ? `<p class="error">${escape(error)}</p>` : ''}
    <form method="post" action="/interaction/${escape(uid)}">
      <label for="email">E-mail</label>
      <input id="email" name="email" type="email" autocomplete="username" required autofocus>
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
      <button type="submit">Sign in</button>
    </form>`);
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(res, status, html) {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(html);
}

// The sign-in page: every interaction (login, and the select_account that Streamlit asks for)
// is one e-mail and password form.
async function interaction(req, res, uid) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) {
    send(res, 400, page('Sign-in expired', '<p>Go back to the app and sign in again.</p>'));
    return;
  }
  if (req.method === 'GET') {
    send(res, 200, signInPage(uid, details.params.client_id));
    return;
  }
  const form = await readForm(req);
  const account = accounts.find((a) => a.email === form.get('email'));
  if (!account || account.password !== form.get('password')) {
    send(res, 200, signInPage(uid, details.params.client_id, 'Wrong e-mail or password.'));
    return;
  }
  await provider.interactionFinished(req, res, {
    login: { accountId: account.sub },
    select_account: {},
  }, { mergeWithLastSubmission: false });
}

const callback = provider.callback();
const server = http.createServer(async (req, res) => {
  const match = /^\/interaction\/([\w-]+)$/.exec(new URL(req.url, issuer).pathname);
  if (!match) {
    callback(req, res);
    return;
  }
  try {
    await interaction(req, res, match[1]);
  } catch (error) {
    console.error(error);
    send(res, 400, page('Sign-in failed', `<p>${escape(error.message)}</p>`));
  }
});

server.listen(Number(args.port), '127.0.0.1', () => {
  console.log(`listening on ${issuer}`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => process.exit(0));
}
