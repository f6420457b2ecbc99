
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'convex-authjs' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'convex-authjs'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'convex-authjs' {
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The Next.js env file to read values from and write them to')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout and nothing else there')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('setup', 'setup', [CompletionResultType]::ParameterValue, 'Set up a project: the adapter''s code, the key and secrets, the deployment, then doctor')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write the adapter''s code into the project: tables, Convex functions, routes, signer')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Prove the whole chain works: env file, site endpoints, keys, tokens, adapter, deployment')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Put JWKS and CONVEX_AUTH_ADAPTER_SECRET on your Convex deployment')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'Generate the RS256 key pair, or print the JWKS of the key you have')
            [CompletionResult]::new('secret', 'secret', [CompletionResultType]::ParameterValue, 'Generate the adapter''s shared secret (CONVEX_AUTH_ADAPTER_SECRET)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the shell completion script for SHELL on stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'convex-authjs;setup' {
            [CompletionResult]::new('--deployment-name', '--deployment-name', [CompletionResultType]::ParameterName, 'Target the deployment with this name')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The deployment''s URL (https://<name>.convex.cloud), for an admin key or CONVEX_DEPLOY_KEY')
            [CompletionResult]::new('--admin-key', '--admin-key', [CompletionResultType]::ParameterName, 'An admin key for --url (in CI prefer CONVEX_DEPLOY_KEY: other users can see flags in `ps`)')
            [CompletionResult]::new('--via', '--via', [CompletionResultType]::ParameterName, 'How to reach the deployment: over HTTP with a key (api), through the convex CLI''s `env` commands (cli), or api when a key is known and cli otherwise (auto)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Your hosting provider, reached through its API with the token in VERCEL_TOKEN or NETLIFY_AUTH_TOKEN: setup and keys rotate put the Next.js server''s values there, doctor checks them (with --prod, or setup''s --preview)')
            [CompletionResult]::new('--host-project', '--host-project', [CompletionResultType]::ParameterName, 'The host''s project: Vercel''s project id or name, Netlify''s site id [default: VERCEL_PROJECT_ID or NETLIFY_SITE_ID, else the link `vercel link` or `netlify link` wrote]')
            [CompletionResult]::new('--hosting-env-file', '--hosting-env-file', [CompletionResultType]::ParameterName, 'With --prod: also write the production values into this file (.env.production.local, or one you hand to your host), never into .env.local')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'A sign-in provider for the Auth.js config, by Auth.js''s id (github, google, discord, …), as `init --provider`; repeat it for more')
            [CompletionResult]::new('--site-url', '--site-url', [CompletionResultType]::ParameterName, 'The site URL tokens are issued for [default: NEXT_PUBLIC_CONVEX_SITE_URL, else asked of the deployment with an admin key, else derived from the deployment URL]')
            [CompletionResult]::new('--adapter-module', '--adapter-module', [CompletionResultType]::ParameterName, 'The module in convex/ that holds the adapter''s functions')
            [CompletionResult]::new('--convex-dir', '--convex-dir', [CompletionResultType]::ParameterName, 'The Convex folder, when it is not this app''s own, as `init --convex-dir`: a workspace package''s (such as ../../packages/backend/convex)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each request to the deployment; doctor''s run at the end is bounded by it as a whole')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The Next.js env file to read values from and write them to')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`')
            [CompletionResult]::new('--prod', '--prod', [CompletionResultType]::ParameterName, 'Target your production deployment instead of the dev one')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow plain http:// to a machine other than this one (keys would cross the network unencrypted)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing private key and adapter secret with new ones (signs out every session)')
            [CompletionResult]::new('--print-hosting-env', '--print-hosting-env', [CompletionResultType]::ParameterName, 'Also print CONVEX_AUTH_PRIVATE_KEY and CONVEX_AUTH_ADAPTER_SECRET for your hosting provider')
            [CompletionResult]::new('--redeploy', '--redeploy', [CompletionResultType]::ParameterName, 'With --host and --prod: start a new production deployment once the values are set (a host''s values reach only the deployments made after them)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change, and change nothing')
            [CompletionResult]::new('--install', '--install', [CompletionResultType]::ParameterName, 'Also run the package manager for the packages the adapter''s code needs, as `init --install`')
            [CompletionResult]::new('--no-deploy', '--no-deploy', [CompletionResultType]::ParameterName, 'Leave the Convex code undeployed (by default, in development, setup pushes what it wrote with `npx convex dev --once` before doctor runs; production is never deployed)')
            [CompletionResult]::new('--preview', '--preview', [CompletionResultType]::ParameterName, 'Put the values in your project''s defaults for new preview deployments (as `env push --preview`), keeping them in the env file for your host''s preview environment')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout and nothing else there')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'convex-authjs;init' {
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'A sign-in provider for the Auth.js config, by Auth.js''s id (github, google, discord, …); repeat it for more')
            [CompletionResult]::new('--convex-dir', '--convex-dir', [CompletionResultType]::ParameterName, 'The Convex folder, when it is not this app''s own: a workspace package''s (such as ../../packages/backend/convex), which the app depends on and imports by name')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The Next.js env file to read values from and write them to')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show a unified diff of every change, and write nothing')
            [CompletionResult]::new('--install', '--install', [CompletionResultType]::ParameterName, 'Also run the package manager''s install command for the packages the code needs')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout and nothing else there')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'convex-authjs;doctor' {
            [CompletionResult]::new('--deployment-name', '--deployment-name', [CompletionResultType]::ParameterName, 'Target the deployment with this name')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The deployment''s URL (https://<name>.convex.cloud), for an admin key or CONVEX_DEPLOY_KEY')
            [CompletionResult]::new('--admin-key', '--admin-key', [CompletionResultType]::ParameterName, 'An admin key for --url (in CI prefer CONVEX_DEPLOY_KEY: other users can see flags in `ps`)')
            [CompletionResult]::new('--site-url', '--site-url', [CompletionResultType]::ParameterName, 'The site URL tokens are issued for [default: NEXT_PUBLIC_CONVEX_SITE_URL, else asked of the deployment with an admin key, else derived from the deployment URL]')
            [CompletionResult]::new('--adapter-module', '--adapter-module', [CompletionResultType]::ParameterName, 'The module in convex/ that holds the adapter''s functions')
            [CompletionResult]::new('--convex-dir', '--convex-dir', [CompletionResultType]::ParameterName, 'The Convex folder, when it is not this app''s own, as `init --convex-dir`: a workspace package''s (such as ../../packages/backend/convex)')
            [CompletionResult]::new('--junit', '--junit', [CompletionResultType]::ParameterName, 'Also write the report as JUnit XML, one test case per check (GitLab, Jenkins and others read it)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Your hosting provider, reached through its API with the token in VERCEL_TOKEN or NETLIFY_AUTH_TOKEN: setup and keys rotate put the Next.js server''s values there, doctor checks them (with --prod, or setup''s --preview)')
            [CompletionResult]::new('--host-project', '--host-project', [CompletionResultType]::ParameterName, 'The host''s project: Vercel''s project id or name, Netlify''s site id [default: VERCEL_PROJECT_ID or NETLIFY_SITE_ID, else the link `vercel link` or `netlify link` wrote]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds the whole run may take, every request included')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The Next.js env file to read values from and write them to')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`')
            [CompletionResult]::new('--prod', '--prod', [CompletionResultType]::ParameterName, 'Target your production deployment instead of the dev one')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow plain http:// to a machine other than this one (keys would cross the network unencrypted)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout and nothing else there')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'convex-authjs;env' {
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The Next.js env file to read values from and write them to')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout and nothing else there')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Set JWKS (from your private key) and CONVEX_AUTH_ADAPTER_SECRET on the deployment')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'convex-authjs;env;push' {
            [CompletionResult]::new('--deployment-name', '--deployment-name', [CompletionResultType]::ParameterName, 'Target the deployment with this name')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The deployment''s URL (https://<name>.convex.cloud), for an admin key or CONVEX_DEPLOY_KEY')
            [CompletionResult]::new('--admin-key', '--admin-key', [CompletionResultType]::ParameterName, 'An admin key for --url (in CI prefer CONVEX_DEPLOY_KEY: other users can see flags in `ps`)')
            [CompletionResult]::new('--via', '--via', [CompletionResultType]::ParameterName, 'How to reach the deployment: over HTTP with a key (api), through the convex CLI''s `env` commands (cli), or api when a key is known and cli otherwise (auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each request to the deployment')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The Next.js env file to read values from and write them to')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`')
            [CompletionResult]::new('--prod', '--prod', [CompletionResultType]::ParameterName, 'Target your production deployment instead of the dev one')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow plain http:// to a machine other than this one (keys would cross the network unencrypted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the plan and change nothing')
            [CompletionResult]::new('--preview', '--preview', [CompletionResultType]::ParameterName, 'Set them as your project''s default variables for new preview deployments (through `npx convex env default set --type preview`), instead of on one deployment')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout and nothing else there')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'convex-authjs;env;help' {
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Set JWKS (from your private key) and CONVEX_AUTH_ADAPTER_SECRET on the deployment')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'convex-authjs;env;help;push' {
            break
        }
        'convex-authjs;env;help;help' {
            break
        }
        'convex-authjs;keys' {
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The Next.js env file to read values from and write them to')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout and nothing else there')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Generate a new key pair; prints the two lines of the setup guide''s generateKeys.mjs')
            [CompletionResult]::new('jwks', 'jwks', [CompletionResultType]::ParameterValue, 'Print the JWKS (public key set) of the private key in the environment or env file')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Rotate the signing key with no token rejected: publish a new key beside the current one, wait out Convex''s JWKS cache, then switch the signer')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Remove retired keys from the deployment''s JWKS, once no token they signed can be valid')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show which keys are local, served, and on the deployment, which one signs, and when each retired key is safe to prune')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'convex-authjs;keys;generate' {
            [CompletionResult]::new('--bits', '--bits', [CompletionResultType]::ParameterName, 'RSA key size in bits')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The Next.js env file to read values from and write them to')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`')
            [CompletionResult]::new('--write', '--write', [CompletionResultType]::ParameterName, 'Store CONVEX_AUTH_PRIVATE_KEY in the env file instead of printing it')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'With --write: replace an existing CONVEX_AUTH_PRIVATE_KEY (signs out every session)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout and nothing else there')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'convex-authjs;keys;jwks' {
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The Next.js env file to read values from and write them to')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout and nothing else there')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'convex-authjs;keys;rotate' {
            [CompletionResult]::new('--deployment-name', '--deployment-name', [CompletionResultType]::ParameterName, 'Target the deployment with this name')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The deployment''s URL (https://<name>.convex.cloud), for an admin key or CONVEX_DEPLOY_KEY')
            [CompletionResult]::new('--admin-key', '--admin-key', [CompletionResultType]::ParameterName, 'An admin key for --url (in CI prefer CONVEX_DEPLOY_KEY: other users can see flags in `ps`)')
            [CompletionResult]::new('--via', '--via', [CompletionResultType]::ParameterName, 'How to reach the deployment: over HTTP with a key (api), through the convex CLI''s `env` commands (cli), or api when a key is known and cli otherwise (auto)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Seconds to wait between publishing the new key and switching the signer: Convex''s JWKS cache time (max-age plus stale-while-revalidate of your /.well-known/jwks.json route)')
            [CompletionResult]::new('--hosting-env-file', '--hosting-env-file', [CompletionResultType]::ParameterName, 'With --prod: write the new CONVEX_AUTH_PRIVATE_KEY into this file for your host')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Your hosting provider, reached through its API with the token in VERCEL_TOKEN or NETLIFY_AUTH_TOKEN: setup and keys rotate put the Next.js server''s values there, doctor checks them (with --prod, or setup''s --preview)')
            [CompletionResult]::new('--host-project', '--host-project', [CompletionResultType]::ParameterName, 'The host''s project: Vercel''s project id or name, Netlify''s site id [default: VERCEL_PROJECT_ID or NETLIFY_SITE_ID, else the link `vercel link` or `netlify link` wrote]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each request to the deployment')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The Next.js env file to read values from and write them to')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`')
            [CompletionResult]::new('--prod', '--prod', [CompletionResultType]::ParameterName, 'Target your production deployment instead of the dev one')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow plain http:// to a machine other than this one (keys would cross the network unencrypted)')
            [CompletionResult]::new('--print-hosting-env', '--print-hosting-env', [CompletionResultType]::ParameterName, 'With --prod: print the new CONVEX_AUTH_PRIVATE_KEY for your hosting provider')
            [CompletionResult]::new('--redeploy', '--redeploy', [CompletionResultType]::ParameterName, 'With --host: start a new production deployment once the new key is set, so that it signs with it (a host''s values reach only the deployments made after them)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout and nothing else there')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'convex-authjs;keys;prune' {
            [CompletionResult]::new('--deployment-name', '--deployment-name', [CompletionResultType]::ParameterName, 'Target the deployment with this name')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The deployment''s URL (https://<name>.convex.cloud), for an admin key or CONVEX_DEPLOY_KEY')
            [CompletionResult]::new('--admin-key', '--admin-key', [CompletionResultType]::ParameterName, 'An admin key for --url (in CI prefer CONVEX_DEPLOY_KEY: other users can see flags in `ps`)')
            [CompletionResult]::new('--via', '--via', [CompletionResultType]::ParameterName, 'How to reach the deployment: over HTTP with a key (api), through the convex CLI''s `env` commands (cli), or api when a key is known and cli otherwise (auto)')
            [CompletionResult]::new('--signing-kid', '--signing-kid', [CompletionResultType]::ParameterName, 'The kid of the key that signs now, where CONVEX_AUTH_PRIVATE_KEY is not here (production''s key lives on your host); that key is never removed')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Your hosting provider, reached through its API with the token in VERCEL_TOKEN or NETLIFY_AUTH_TOKEN: setup and keys rotate put the Next.js server''s values there, doctor checks them (with --prod, or setup''s --preview)')
            [CompletionResult]::new('--host-project', '--host-project', [CompletionResultType]::ParameterName, 'The host''s project: Vercel''s project id or name, Netlify''s site id [default: VERCEL_PROJECT_ID or NETLIFY_SITE_ID, else the link `vercel link` or `netlify link` wrote]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each request to the deployment')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The Next.js env file to read values from and write them to')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`')
            [CompletionResult]::new('--prod', '--prod', [CompletionResultType]::ParameterName, 'Target your production deployment instead of the dev one')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow plain http:// to a machine other than this one (keys would cross the network unencrypted)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Remove retired keys even while tokens they signed may be valid, or with no word of which key signs (those tokens are rejected)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout and nothing else there')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'convex-authjs;keys;status' {
            [CompletionResult]::new('--deployment-name', '--deployment-name', [CompletionResultType]::ParameterName, 'Target the deployment with this name')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The deployment''s URL (https://<name>.convex.cloud), for an admin key or CONVEX_DEPLOY_KEY')
            [CompletionResult]::new('--admin-key', '--admin-key', [CompletionResultType]::ParameterName, 'An admin key for --url (in CI prefer CONVEX_DEPLOY_KEY: other users can see flags in `ps`)')
            [CompletionResult]::new('--via', '--via', [CompletionResultType]::ParameterName, 'How to reach the deployment: over HTTP with a key (api), through the convex CLI''s `env` commands (cli), or api when a key is known and cli otherwise (auto)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each request')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The Next.js env file to read values from and write them to')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`')
            [CompletionResult]::new('--prod', '--prod', [CompletionResultType]::ParameterName, 'Target your production deployment instead of the dev one')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow plain http:// to a machine other than this one (keys would cross the network unencrypted)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout and nothing else there')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'convex-authjs;keys;help' {
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Generate a new key pair; prints the two lines of the setup guide''s generateKeys.mjs')
            [CompletionResult]::new('jwks', 'jwks', [CompletionResultType]::ParameterValue, 'Print the JWKS (public key set) of the private key in the environment or env file')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Rotate the signing key with no token rejected: publish a new key beside the current one, wait out Convex''s JWKS cache, then switch the signer')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Remove retired keys from the deployment''s JWKS, once no token they signed can be valid')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show which keys are local, served, and on the deployment, which one signs, and when each retired key is safe to prune')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'convex-authjs;keys;help;generate' {
            break
        }
        'convex-authjs;keys;help;jwks' {
            break
        }
        'convex-authjs;keys;help;rotate' {
            break
        }
        'convex-authjs;keys;help;prune' {
            break
        }
        'convex-authjs;keys;help;status' {
            break
        }
        'convex-authjs;keys;help;help' {
            break
        }
        'convex-authjs;secret' {
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The Next.js env file to read values from and write them to')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout and nothing else there')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Generate a new random secret; prints CONVEX_AUTH_ADAPTER_SECRET=<base64>')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'convex-authjs;secret;generate' {
            [CompletionResult]::new('--bytes', '--bytes', [CompletionResultType]::ParameterName, 'How many random bytes (at least 32); 33 bytes give 44 base64 characters')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The Next.js env file to read values from and write them to')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Print the value alone, without CONVEX_AUTH_ADAPTER_SECRET=')
            [CompletionResult]::new('--write', '--write', [CompletionResultType]::ParameterName, 'Store CONVEX_AUTH_ADAPTER_SECRET in the env file instead of printing it')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'With --write: replace an existing CONVEX_AUTH_ADAPTER_SECRET')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout and nothing else there')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'convex-authjs;secret;help' {
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Generate a new random secret; prints CONVEX_AUTH_ADAPTER_SECRET=<base64>')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'convex-authjs;secret;help;generate' {
            break
        }
        'convex-authjs;secret;help;help' {
            break
        }
        'convex-authjs;completions' {
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'The Next.js env file to read values from and write them to')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout and nothing else there')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors and the values you asked for')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Never prompt: a question that needs an answer becomes an error naming the flag to pass')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'convex-authjs;help' {
            [CompletionResult]::new('setup', 'setup', [CompletionResultType]::ParameterValue, 'Set up a project: the adapter''s code, the key and secrets, the deployment, then doctor')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write the adapter''s code into the project: tables, Convex functions, routes, signer')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Prove the whole chain works: env file, site endpoints, keys, tokens, adapter, deployment')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Put JWKS and CONVEX_AUTH_ADAPTER_SECRET on your Convex deployment')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'Generate the RS256 key pair, or print the JWKS of the key you have')
            [CompletionResult]::new('secret', 'secret', [CompletionResultType]::ParameterValue, 'Generate the adapter''s shared secret (CONVEX_AUTH_ADAPTER_SECRET)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the shell completion script for SHELL on stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'convex-authjs;help;setup' {
            break
        }
        'convex-authjs;help;init' {
            break
        }
        'convex-authjs;help;doctor' {
            break
        }
        'convex-authjs;help;env' {
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Set JWKS (from your private key) and CONVEX_AUTH_ADAPTER_SECRET on the deployment')
            break
        }
        'convex-authjs;help;env;push' {
            break
        }
        'convex-authjs;help;keys' {
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Generate a new key pair; prints the two lines of the setup guide''s generateKeys.mjs')
            [CompletionResult]::new('jwks', 'jwks', [CompletionResultType]::ParameterValue, 'Print the JWKS (public key set) of the private key in the environment or env file')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Rotate the signing key with no token rejected: publish a new key beside the current one, wait out Convex''s JWKS cache, then switch the signer')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Remove retired keys from the deployment''s JWKS, once no token they signed can be valid')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show which keys are local, served, and on the deployment, which one signs, and when each retired key is safe to prune')
            break
        }
        'convex-authjs;help;keys;generate' {
            break
        }
        'convex-authjs;help;keys;jwks' {
            break
        }
        'convex-authjs;help;keys;rotate' {
            break
        }
        'convex-authjs;help;keys;prune' {
            break
        }
        'convex-authjs;help;keys;status' {
            break
        }
        'convex-authjs;help;secret' {
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Generate a new random secret; prints CONVEX_AUTH_ADAPTER_SECRET=<base64>')
            break
        }
        'convex-authjs;help;secret;generate' {
            break
        }
        'convex-authjs;help;completions' {
            break
        }
        'convex-authjs;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
