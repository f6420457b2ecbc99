
use builtin;
use str;

set edit:completion:arg-completer[convex-authjs] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'convex-authjs'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'convex-authjs'= {
            cand --env-file 'The Next.js env file to read values from and write them to'
            cand --color 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`'
            cand --json 'Print one JSON document on stdout and nothing else there'
            cand -q 'Print nothing but errors and the values you asked for'
            cand --quiet 'Print nothing but errors and the values you asked for'
            cand -y 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand --yes 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand setup 'Set up a project: the adapter''s code, the key and secrets, the deployment, then doctor'
            cand init 'Write the adapter''s code into the project: tables, Convex functions, routes, signer'
            cand doctor 'Prove the whole chain works: env file, site endpoints, keys, tokens, adapter, deployment'
            cand env 'Put JWKS and CONVEX_AUTH_ADAPTER_SECRET on your Convex deployment'
            cand keys 'Generate the RS256 key pair, or print the JWKS of the key you have'
            cand secret 'Generate the adapter''s shared secret (CONVEX_AUTH_ADAPTER_SECRET)'
            cand completions 'Print the shell completion script for SHELL on stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'convex-authjs;setup'= {
            cand --deployment-name 'Target the deployment with this name'
            cand --url 'The deployment''s URL (https://<name>.convex.cloud), for an admin key or CONVEX_DEPLOY_KEY'
            cand --admin-key 'An admin key for --url (in CI prefer CONVEX_DEPLOY_KEY: other users can see flags in `ps`)'
            cand --via 'How to reach the deployment: over HTTP with a key (api), through the convex CLI''s `env` commands (cli), or api when a key is known and cli otherwise (auto)'
            cand --host 'Your hosting provider, reached through its API with the token in VERCEL_TOKEN or NETLIFY_AUTH_TOKEN: setup and keys rotate put the Next.js server''s values there, doctor checks them (with --prod, or setup''s --preview)'
            cand --host-project 'The host''s project: Vercel''s project id or name, Netlify''s site id [default: VERCEL_PROJECT_ID or NETLIFY_SITE_ID, else the link `vercel link` or `netlify link` wrote]'
            cand --hosting-env-file 'With --prod: also write the production values into this file (.env.production.local, or one you hand to your host), never into .env.local'
            cand --provider 'A sign-in provider for the Auth.js config, by Auth.js''s id (github, google, discord, …), as `init --provider`; repeat it for more'
            cand --site-url 'The site URL tokens are issued for [default: NEXT_PUBLIC_CONVEX_SITE_URL, else asked of the deployment with an admin key, else derived from the deployment URL]'
            cand --adapter-module 'The module in convex/ that holds the adapter''s functions'
            cand --convex-dir 'The Convex folder, when it is not this app''s own, as `init --convex-dir`: a workspace package''s (such as ../../packages/backend/convex)'
            cand --timeout 'Seconds to wait for each request to the deployment; doctor''s run at the end is bounded by it as a whole'
            cand --env-file 'The Next.js env file to read values from and write them to'
            cand --color 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`'
            cand --prod 'Target your production deployment instead of the dev one'
            cand --allow-insecure-http 'Allow plain http:// to a machine other than this one (keys would cross the network unencrypted)'
            cand --force 'Replace an existing private key and adapter secret with new ones (signs out every session)'
            cand --print-hosting-env 'Also print CONVEX_AUTH_PRIVATE_KEY and CONVEX_AUTH_ADAPTER_SECRET for your hosting provider'
            cand --redeploy 'With --host and --prod: start a new production deployment once the values are set (a host''s values reach only the deployments made after them)'
            cand --dry-run 'Show what would change, and change nothing'
            cand --install 'Also run the package manager for the packages the adapter''s code needs, as `init --install`'
            cand --no-deploy 'Leave the Convex code undeployed (by default, in development, setup pushes what it wrote with `npx convex dev --once` before doctor runs; production is never deployed)'
            cand --preview 'Put the values in your project''s defaults for new preview deployments (as `env push --preview`), keeping them in the env file for your host''s preview environment'
            cand --json 'Print one JSON document on stdout and nothing else there'
            cand -q 'Print nothing but errors and the values you asked for'
            cand --quiet 'Print nothing but errors and the values you asked for'
            cand -y 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand --yes 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'convex-authjs;init'= {
            cand --provider 'A sign-in provider for the Auth.js config, by Auth.js''s id (github, google, discord, …); repeat it for more'
            cand --convex-dir 'The Convex folder, when it is not this app''s own: a workspace package''s (such as ../../packages/backend/convex), which the app depends on and imports by name'
            cand --env-file 'The Next.js env file to read values from and write them to'
            cand --color 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`'
            cand --dry-run 'Show a unified diff of every change, and write nothing'
            cand --install 'Also run the package manager''s install command for the packages the code needs'
            cand --json 'Print one JSON document on stdout and nothing else there'
            cand -q 'Print nothing but errors and the values you asked for'
            cand --quiet 'Print nothing but errors and the values you asked for'
            cand -y 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand --yes 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'convex-authjs;doctor'= {
            cand --deployment-name 'Target the deployment with this name'
            cand --url 'The deployment''s URL (https://<name>.convex.cloud), for an admin key or CONVEX_DEPLOY_KEY'
            cand --admin-key 'An admin key for --url (in CI prefer CONVEX_DEPLOY_KEY: other users can see flags in `ps`)'
            cand --site-url 'The site URL tokens are issued for [default: NEXT_PUBLIC_CONVEX_SITE_URL, else asked of the deployment with an admin key, else derived from the deployment URL]'
            cand --adapter-module 'The module in convex/ that holds the adapter''s functions'
            cand --convex-dir 'The Convex folder, when it is not this app''s own, as `init --convex-dir`: a workspace package''s (such as ../../packages/backend/convex)'
            cand --junit 'Also write the report as JUnit XML, one test case per check (GitLab, Jenkins and others read it)'
            cand --host 'Your hosting provider, reached through its API with the token in VERCEL_TOKEN or NETLIFY_AUTH_TOKEN: setup and keys rotate put the Next.js server''s values there, doctor checks them (with --prod, or setup''s --preview)'
            cand --host-project 'The host''s project: Vercel''s project id or name, Netlify''s site id [default: VERCEL_PROJECT_ID or NETLIFY_SITE_ID, else the link `vercel link` or `netlify link` wrote]'
            cand --timeout 'Seconds the whole run may take, every request included'
            cand --env-file 'The Next.js env file to read values from and write them to'
            cand --color 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`'
            cand --prod 'Target your production deployment instead of the dev one'
            cand --allow-insecure-http 'Allow plain http:// to a machine other than this one (keys would cross the network unencrypted)'
            cand --json 'Print one JSON document on stdout and nothing else there'
            cand -q 'Print nothing but errors and the values you asked for'
            cand --quiet 'Print nothing but errors and the values you asked for'
            cand -y 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand --yes 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'convex-authjs;env'= {
            cand --env-file 'The Next.js env file to read values from and write them to'
            cand --color 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`'
            cand --json 'Print one JSON document on stdout and nothing else there'
            cand -q 'Print nothing but errors and the values you asked for'
            cand --quiet 'Print nothing but errors and the values you asked for'
            cand -y 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand --yes 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand push 'Set JWKS (from your private key) and CONVEX_AUTH_ADAPTER_SECRET on the deployment'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'convex-authjs;env;push'= {
            cand --deployment-name 'Target the deployment with this name'
            cand --url 'The deployment''s URL (https://<name>.convex.cloud), for an admin key or CONVEX_DEPLOY_KEY'
            cand --admin-key 'An admin key for --url (in CI prefer CONVEX_DEPLOY_KEY: other users can see flags in `ps`)'
            cand --via 'How to reach the deployment: over HTTP with a key (api), through the convex CLI''s `env` commands (cli), or api when a key is known and cli otherwise (auto)'
            cand --timeout 'Seconds to wait for each request to the deployment'
            cand --env-file 'The Next.js env file to read values from and write them to'
            cand --color 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`'
            cand --prod 'Target your production deployment instead of the dev one'
            cand --allow-insecure-http 'Allow plain http:// to a machine other than this one (keys would cross the network unencrypted)'
            cand --dry-run 'Show the plan and change nothing'
            cand --preview 'Set them as your project''s default variables for new preview deployments (through `npx convex env default set --type preview`), instead of on one deployment'
            cand --json 'Print one JSON document on stdout and nothing else there'
            cand -q 'Print nothing but errors and the values you asked for'
            cand --quiet 'Print nothing but errors and the values you asked for'
            cand -y 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand --yes 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'convex-authjs;env;help'= {
            cand push 'Set JWKS (from your private key) and CONVEX_AUTH_ADAPTER_SECRET on the deployment'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'convex-authjs;env;help;push'= {
        }
        &'convex-authjs;env;help;help'= {
        }
        &'convex-authjs;keys'= {
            cand --env-file 'The Next.js env file to read values from and write them to'
            cand --color 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`'
            cand --json 'Print one JSON document on stdout and nothing else there'
            cand -q 'Print nothing but errors and the values you asked for'
            cand --quiet 'Print nothing but errors and the values you asked for'
            cand -y 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand --yes 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand generate 'Generate a new key pair; prints the two lines of the setup guide''s generateKeys.mjs'
            cand jwks 'Print the JWKS (public key set) of the private key in the environment or env file'
            cand rotate 'Rotate the signing key with no token rejected: publish a new key beside the current one, wait out Convex''s JWKS cache, then switch the signer'
            cand prune 'Remove retired keys from the deployment''s JWKS, once no token they signed can be valid'
            cand status 'Show which keys are local, served, and on the deployment, which one signs, and when each retired key is safe to prune'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'convex-authjs;keys;generate'= {
            cand --bits 'RSA key size in bits'
            cand --env-file 'The Next.js env file to read values from and write them to'
            cand --color 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`'
            cand --write 'Store CONVEX_AUTH_PRIVATE_KEY in the env file instead of printing it'
            cand --force 'With --write: replace an existing CONVEX_AUTH_PRIVATE_KEY (signs out every session)'
            cand --json 'Print one JSON document on stdout and nothing else there'
            cand -q 'Print nothing but errors and the values you asked for'
            cand --quiet 'Print nothing but errors and the values you asked for'
            cand -y 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand --yes 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'convex-authjs;keys;jwks'= {
            cand --env-file 'The Next.js env file to read values from and write them to'
            cand --color 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`'
            cand --json 'Print one JSON document on stdout and nothing else there'
            cand -q 'Print nothing but errors and the values you asked for'
            cand --quiet 'Print nothing but errors and the values you asked for'
            cand -y 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand --yes 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'convex-authjs;keys;rotate'= {
            cand --deployment-name 'Target the deployment with this name'
            cand --url 'The deployment''s URL (https://<name>.convex.cloud), for an admin key or CONVEX_DEPLOY_KEY'
            cand --admin-key 'An admin key for --url (in CI prefer CONVEX_DEPLOY_KEY: other users can see flags in `ps`)'
            cand --via 'How to reach the deployment: over HTTP with a key (api), through the convex CLI''s `env` commands (cli), or api when a key is known and cli otherwise (auto)'
            cand --wait 'Seconds to wait between publishing the new key and switching the signer: Convex''s JWKS cache time (max-age plus stale-while-revalidate of your /.well-known/jwks.json route)'
            cand --hosting-env-file 'With --prod: write the new CONVEX_AUTH_PRIVATE_KEY into this file for your host'
            cand --host 'Your hosting provider, reached through its API with the token in VERCEL_TOKEN or NETLIFY_AUTH_TOKEN: setup and keys rotate put the Next.js server''s values there, doctor checks them (with --prod, or setup''s --preview)'
            cand --host-project 'The host''s project: Vercel''s project id or name, Netlify''s site id [default: VERCEL_PROJECT_ID or NETLIFY_SITE_ID, else the link `vercel link` or `netlify link` wrote]'
            cand --timeout 'Seconds to wait for each request to the deployment'
            cand --env-file 'The Next.js env file to read values from and write them to'
            cand --color 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`'
            cand --prod 'Target your production deployment instead of the dev one'
            cand --allow-insecure-http 'Allow plain http:// to a machine other than this one (keys would cross the network unencrypted)'
            cand --print-hosting-env 'With --prod: print the new CONVEX_AUTH_PRIVATE_KEY for your hosting provider'
            cand --redeploy 'With --host: start a new production deployment once the new key is set, so that it signs with it (a host''s values reach only the deployments made after them)'
            cand --json 'Print one JSON document on stdout and nothing else there'
            cand -q 'Print nothing but errors and the values you asked for'
            cand --quiet 'Print nothing but errors and the values you asked for'
            cand -y 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand --yes 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'convex-authjs;keys;prune'= {
            cand --deployment-name 'Target the deployment with this name'
            cand --url 'The deployment''s URL (https://<name>.convex.cloud), for an admin key or CONVEX_DEPLOY_KEY'
            cand --admin-key 'An admin key for --url (in CI prefer CONVEX_DEPLOY_KEY: other users can see flags in `ps`)'
            cand --via 'How to reach the deployment: over HTTP with a key (api), through the convex CLI''s `env` commands (cli), or api when a key is known and cli otherwise (auto)'
            cand --signing-kid 'The kid of the key that signs now, where CONVEX_AUTH_PRIVATE_KEY is not here (production''s key lives on your host); that key is never removed'
            cand --host 'Your hosting provider, reached through its API with the token in VERCEL_TOKEN or NETLIFY_AUTH_TOKEN: setup and keys rotate put the Next.js server''s values there, doctor checks them (with --prod, or setup''s --preview)'
            cand --host-project 'The host''s project: Vercel''s project id or name, Netlify''s site id [default: VERCEL_PROJECT_ID or NETLIFY_SITE_ID, else the link `vercel link` or `netlify link` wrote]'
            cand --timeout 'Seconds to wait for each request to the deployment'
            cand --env-file 'The Next.js env file to read values from and write them to'
            cand --color 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`'
            cand --prod 'Target your production deployment instead of the dev one'
            cand --allow-insecure-http 'Allow plain http:// to a machine other than this one (keys would cross the network unencrypted)'
            cand --force 'Remove retired keys even while tokens they signed may be valid, or with no word of which key signs (those tokens are rejected)'
            cand --json 'Print one JSON document on stdout and nothing else there'
            cand -q 'Print nothing but errors and the values you asked for'
            cand --quiet 'Print nothing but errors and the values you asked for'
            cand -y 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand --yes 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'convex-authjs;keys;status'= {
            cand --deployment-name 'Target the deployment with this name'
            cand --url 'The deployment''s URL (https://<name>.convex.cloud), for an admin key or CONVEX_DEPLOY_KEY'
            cand --admin-key 'An admin key for --url (in CI prefer CONVEX_DEPLOY_KEY: other users can see flags in `ps`)'
            cand --via 'How to reach the deployment: over HTTP with a key (api), through the convex CLI''s `env` commands (cli), or api when a key is known and cli otherwise (auto)'
            cand --timeout 'Seconds to wait for each request'
            cand --env-file 'The Next.js env file to read values from and write them to'
            cand --color 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`'
            cand --prod 'Target your production deployment instead of the dev one'
            cand --allow-insecure-http 'Allow plain http:// to a machine other than this one (keys would cross the network unencrypted)'
            cand --json 'Print one JSON document on stdout and nothing else there'
            cand -q 'Print nothing but errors and the values you asked for'
            cand --quiet 'Print nothing but errors and the values you asked for'
            cand -y 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand --yes 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'convex-authjs;keys;help'= {
            cand generate 'Generate a new key pair; prints the two lines of the setup guide''s generateKeys.mjs'
            cand jwks 'Print the JWKS (public key set) of the private key in the environment or env file'
            cand rotate 'Rotate the signing key with no token rejected: publish a new key beside the current one, wait out Convex''s JWKS cache, then switch the signer'
            cand prune 'Remove retired keys from the deployment''s JWKS, once no token they signed can be valid'
            cand status 'Show which keys are local, served, and on the deployment, which one signs, and when each retired key is safe to prune'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'convex-authjs;keys;help;generate'= {
        }
        &'convex-authjs;keys;help;jwks'= {
        }
        &'convex-authjs;keys;help;rotate'= {
        }
        &'convex-authjs;keys;help;prune'= {
        }
        &'convex-authjs;keys;help;status'= {
        }
        &'convex-authjs;keys;help;help'= {
        }
        &'convex-authjs;secret'= {
            cand --env-file 'The Next.js env file to read values from and write them to'
            cand --color 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`'
            cand --json 'Print one JSON document on stdout and nothing else there'
            cand -q 'Print nothing but errors and the values you asked for'
            cand --quiet 'Print nothing but errors and the values you asked for'
            cand -y 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand --yes 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand generate 'Generate a new random secret; prints CONVEX_AUTH_ADAPTER_SECRET=<base64>'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'convex-authjs;secret;generate'= {
            cand --bytes 'How many random bytes (at least 32); 33 bytes give 44 base64 characters'
            cand --env-file 'The Next.js env file to read values from and write them to'
            cand --color 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`'
            cand --raw 'Print the value alone, without CONVEX_AUTH_ADAPTER_SECRET='
            cand --write 'Store CONVEX_AUTH_ADAPTER_SECRET in the env file instead of printing it'
            cand --force 'With --write: replace an existing CONVEX_AUTH_ADAPTER_SECRET'
            cand --json 'Print one JSON document on stdout and nothing else there'
            cand -q 'Print nothing but errors and the values you asked for'
            cand --quiet 'Print nothing but errors and the values you asked for'
            cand -y 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand --yes 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'convex-authjs;secret;help'= {
            cand generate 'Generate a new random secret; prints CONVEX_AUTH_ADAPTER_SECRET=<base64>'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'convex-authjs;secret;help;generate'= {
        }
        &'convex-authjs;secret;help;help'= {
        }
        &'convex-authjs;completions'= {
            cand --env-file 'The Next.js env file to read values from and write them to'
            cand --color 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`'
            cand --json 'Print one JSON document on stdout and nothing else there'
            cand -q 'Print nothing but errors and the values you asked for'
            cand --quiet 'Print nothing but errors and the values you asked for'
            cand -y 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand --yes 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'convex-authjs;help'= {
            cand setup 'Set up a project: the adapter''s code, the key and secrets, the deployment, then doctor'
            cand init 'Write the adapter''s code into the project: tables, Convex functions, routes, signer'
            cand doctor 'Prove the whole chain works: env file, site endpoints, keys, tokens, adapter, deployment'
            cand env 'Put JWKS and CONVEX_AUTH_ADAPTER_SECRET on your Convex deployment'
            cand keys 'Generate the RS256 key pair, or print the JWKS of the key you have'
            cand secret 'Generate the adapter''s shared secret (CONVEX_AUTH_ADAPTER_SECRET)'
            cand completions 'Print the shell completion script for SHELL on stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'convex-authjs;help;setup'= {
        }
        &'convex-authjs;help;init'= {
        }
        &'convex-authjs;help;doctor'= {
        }
        &'convex-authjs;help;env'= {
            cand push 'Set JWKS (from your private key) and CONVEX_AUTH_ADAPTER_SECRET on the deployment'
        }
        &'convex-authjs;help;env;push'= {
        }
        &'convex-authjs;help;keys'= {
            cand generate 'Generate a new key pair; prints the two lines of the setup guide''s generateKeys.mjs'
            cand jwks 'Print the JWKS (public key set) of the private key in the environment or env file'
            cand rotate 'Rotate the signing key with no token rejected: publish a new key beside the current one, wait out Convex''s JWKS cache, then switch the signer'
            cand prune 'Remove retired keys from the deployment''s JWKS, once no token they signed can be valid'
            cand status 'Show which keys are local, served, and on the deployment, which one signs, and when each retired key is safe to prune'
        }
        &'convex-authjs;help;keys;generate'= {
        }
        &'convex-authjs;help;keys;jwks'= {
        }
        &'convex-authjs;help;keys;rotate'= {
        }
        &'convex-authjs;help;keys;prune'= {
        }
        &'convex-authjs;help;keys;status'= {
        }
        &'convex-authjs;help;secret'= {
            cand generate 'Generate a new random secret; prints CONVEX_AUTH_ADAPTER_SECRET=<base64>'
        }
        &'convex-authjs;help;secret;generate'= {
        }
        &'convex-authjs;help;completions'= {
        }
        &'convex-authjs;help;help'= {
        }
    ]
    $completions[$command]
}
