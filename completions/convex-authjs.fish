# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_convex_authjs_global_optspecs
    string join \n env-file= json color= q/quiet y/yes h/help V/version
end

function __fish_convex_authjs_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_convex_authjs_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_convex_authjs_using_subcommand
    set -l cmd (__fish_convex_authjs_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c convex-authjs -n "__fish_convex_authjs_needs_command" -l env-file -d 'The Next.js env file to read values from and write them to' -r -F
complete -c convex-authjs -n "__fish_convex_authjs_needs_command" -l color -d 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`' -r -f -a "auto\t''
always\t''
never\t''"
complete -c convex-authjs -n "__fish_convex_authjs_needs_command" -l json -d 'Print one JSON document on stdout and nothing else there'
complete -c convex-authjs -n "__fish_convex_authjs_needs_command" -s q -l quiet -d 'Print nothing but errors and the values you asked for'
complete -c convex-authjs -n "__fish_convex_authjs_needs_command" -s y -l yes -d 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
complete -c convex-authjs -n "__fish_convex_authjs_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c convex-authjs -n "__fish_convex_authjs_needs_command" -s V -l version -d 'Print version'
complete -c convex-authjs -n "__fish_convex_authjs_needs_command" -f -a "setup" -d 'Set up a project: the adapter\'s code, the key and secrets, the deployment, then doctor'
complete -c convex-authjs -n "__fish_convex_authjs_needs_command" -f -a "init" -d 'Write the adapter\'s code into the project: tables, Convex functions, routes, signer'
complete -c convex-authjs -n "__fish_convex_authjs_needs_command" -f -a "doctor" -d 'Prove the whole chain works: env file, site endpoints, keys, tokens, adapter, deployment'
complete -c convex-authjs -n "__fish_convex_authjs_needs_command" -f -a "env" -d 'Put JWKS and CONVEX_AUTH_ADAPTER_SECRET on your Convex deployment'
complete -c convex-authjs -n "__fish_convex_authjs_needs_command" -f -a "keys" -d 'Generate the RS256 key pair, or print the JWKS of the key you have'
complete -c convex-authjs -n "__fish_convex_authjs_needs_command" -f -a "secret" -d 'Generate the adapter\'s shared secret (CONVEX_AUTH_ADAPTER_SECRET)'
complete -c convex-authjs -n "__fish_convex_authjs_needs_command" -f -a "completions" -d 'Print the shell completion script for SHELL on stdout'
complete -c convex-authjs -n "__fish_convex_authjs_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -l deployment-name -d 'Target the deployment with this name' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -l url -d 'The deployment\'s URL (https://<name>.convex.cloud), for an admin key or CONVEX_DEPLOY_KEY' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -l admin-key -d 'An admin key for --url (in CI prefer CONVEX_DEPLOY_KEY: other users can see flags in `ps`)' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -l via -d 'How to reach the deployment: over HTTP with a key (api), through the convex CLI\'s `env` commands (cli), or api when a key is known and cli otherwise (auto)' -r -f -a "auto\t''
api\t''
cli\t''"
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -l host -d 'Your hosting provider, reached through its API with the token in VERCEL_TOKEN or NETLIFY_AUTH_TOKEN: setup and keys rotate put the Next.js server\'s values there, doctor checks them (with --prod, or setup\'s --preview)' -r -f -a "vercel\t''
netlify\t''"
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -l host-project -d 'The host\'s project: Vercel\'s project id or name, Netlify\'s site id [default: VERCEL_PROJECT_ID or NETLIFY_SITE_ID, else the link `vercel link` or `netlify link` wrote]' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -l hosting-env-file -d 'With --prod: also write the production values into this file (.env.production.local, or one you hand to your host), never into .env.local' -r -F
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -l provider -d 'A sign-in provider for the Auth.js config, by Auth.js\'s id (github, google, discord, …), as `init --provider`; repeat it for more' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -l site-url -d 'The site URL tokens are issued for [default: NEXT_PUBLIC_CONVEX_SITE_URL, else asked of the deployment with an admin key, else derived from the deployment URL]' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -l adapter-module -d 'The module in convex/ that holds the adapter\'s functions' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -l convex-dir -d 'The Convex folder, when it is not this app\'s own, as `init --convex-dir`: a workspace package\'s (such as ../../packages/backend/convex)' -r -F
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -l timeout -d 'Seconds to wait for each request to the deployment; doctor\'s run at the end is bounded by it as a whole' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -l env-file -d 'The Next.js env file to read values from and write them to' -r -F
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -l color -d 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`' -r -f -a "auto\t''
always\t''
never\t''"
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -l prod -d 'Target your production deployment instead of the dev one'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -l allow-insecure-http -d 'Allow plain http:// to a machine other than this one (keys would cross the network unencrypted)'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -l force -d 'Replace an existing private key and adapter secret with new ones (signs out every session)'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -l print-hosting-env -d 'Also print CONVEX_AUTH_PRIVATE_KEY and CONVEX_AUTH_ADAPTER_SECRET for your hosting provider'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -l redeploy -d 'With --host and --prod: start a new production deployment once the values are set (a host\'s values reach only the deployments made after them)'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -l dry-run -d 'Show what would change, and change nothing'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -l install -d 'Also run the package manager for the packages the adapter\'s code needs, as `init --install`'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -l no-deploy -d 'Leave the Convex code undeployed (by default, in development, setup pushes what it wrote with `npx convex dev --once` before doctor runs; production is never deployed)'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -l preview -d 'Put the values in your project\'s defaults for new preview deployments (as `env push --preview`), keeping them in the env file for your host\'s preview environment'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -l json -d 'Print one JSON document on stdout and nothing else there'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -s q -l quiet -d 'Print nothing but errors and the values you asked for'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -s y -l yes -d 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand setup" -s V -l version -d 'Print version'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand init" -l provider -d 'A sign-in provider for the Auth.js config, by Auth.js\'s id (github, google, discord, …); repeat it for more' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand init" -l convex-dir -d 'The Convex folder, when it is not this app\'s own: a workspace package\'s (such as ../../packages/backend/convex), which the app depends on and imports by name' -r -F
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand init" -l env-file -d 'The Next.js env file to read values from and write them to' -r -F
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand init" -l color -d 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`' -r -f -a "auto\t''
always\t''
never\t''"
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand init" -l dry-run -d 'Show a unified diff of every change, and write nothing'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand init" -l install -d 'Also run the package manager\'s install command for the packages the code needs'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand init" -l json -d 'Print one JSON document on stdout and nothing else there'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand init" -s q -l quiet -d 'Print nothing but errors and the values you asked for'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand init" -s y -l yes -d 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand init" -s V -l version -d 'Print version'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand doctor" -l deployment-name -d 'Target the deployment with this name' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand doctor" -l url -d 'The deployment\'s URL (https://<name>.convex.cloud), for an admin key or CONVEX_DEPLOY_KEY' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand doctor" -l admin-key -d 'An admin key for --url (in CI prefer CONVEX_DEPLOY_KEY: other users can see flags in `ps`)' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand doctor" -l site-url -d 'The site URL tokens are issued for [default: NEXT_PUBLIC_CONVEX_SITE_URL, else asked of the deployment with an admin key, else derived from the deployment URL]' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand doctor" -l adapter-module -d 'The module in convex/ that holds the adapter\'s functions' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand doctor" -l convex-dir -d 'The Convex folder, when it is not this app\'s own, as `init --convex-dir`: a workspace package\'s (such as ../../packages/backend/convex)' -r -F
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand doctor" -l junit -d 'Also write the report as JUnit XML, one test case per check (GitLab, Jenkins and others read it)' -r -F
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand doctor" -l host -d 'Your hosting provider, reached through its API with the token in VERCEL_TOKEN or NETLIFY_AUTH_TOKEN: setup and keys rotate put the Next.js server\'s values there, doctor checks them (with --prod, or setup\'s --preview)' -r -f -a "vercel\t''
netlify\t''"
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand doctor" -l host-project -d 'The host\'s project: Vercel\'s project id or name, Netlify\'s site id [default: VERCEL_PROJECT_ID or NETLIFY_SITE_ID, else the link `vercel link` or `netlify link` wrote]' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand doctor" -l timeout -d 'Seconds the whole run may take, every request included' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand doctor" -l env-file -d 'The Next.js env file to read values from and write them to' -r -F
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand doctor" -l color -d 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`' -r -f -a "auto\t''
always\t''
never\t''"
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand doctor" -l prod -d 'Target your production deployment instead of the dev one'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand doctor" -l allow-insecure-http -d 'Allow plain http:// to a machine other than this one (keys would cross the network unencrypted)'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand doctor" -l json -d 'Print one JSON document on stdout and nothing else there'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand doctor" -s q -l quiet -d 'Print nothing but errors and the values you asked for'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand doctor" -s y -l yes -d 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand env; and not __fish_seen_subcommand_from push help" -l env-file -d 'The Next.js env file to read values from and write them to' -r -F
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand env; and not __fish_seen_subcommand_from push help" -l color -d 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`' -r -f -a "auto\t''
always\t''
never\t''"
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand env; and not __fish_seen_subcommand_from push help" -l json -d 'Print one JSON document on stdout and nothing else there'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand env; and not __fish_seen_subcommand_from push help" -s q -l quiet -d 'Print nothing but errors and the values you asked for'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand env; and not __fish_seen_subcommand_from push help" -s y -l yes -d 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand env; and not __fish_seen_subcommand_from push help" -s h -l help -d 'Print help'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand env; and not __fish_seen_subcommand_from push help" -s V -l version -d 'Print version'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand env; and not __fish_seen_subcommand_from push help" -f -a "push" -d 'Set JWKS (from your private key) and CONVEX_AUTH_ADAPTER_SECRET on the deployment'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand env; and not __fish_seen_subcommand_from push help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand env; and __fish_seen_subcommand_from push" -l deployment-name -d 'Target the deployment with this name' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand env; and __fish_seen_subcommand_from push" -l url -d 'The deployment\'s URL (https://<name>.convex.cloud), for an admin key or CONVEX_DEPLOY_KEY' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand env; and __fish_seen_subcommand_from push" -l admin-key -d 'An admin key for --url (in CI prefer CONVEX_DEPLOY_KEY: other users can see flags in `ps`)' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand env; and __fish_seen_subcommand_from push" -l via -d 'How to reach the deployment: over HTTP with a key (api), through the convex CLI\'s `env` commands (cli), or api when a key is known and cli otherwise (auto)' -r -f -a "auto\t''
api\t''
cli\t''"
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand env; and __fish_seen_subcommand_from push" -l timeout -d 'Seconds to wait for each request to the deployment' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand env; and __fish_seen_subcommand_from push" -l env-file -d 'The Next.js env file to read values from and write them to' -r -F
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand env; and __fish_seen_subcommand_from push" -l color -d 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`' -r -f -a "auto\t''
always\t''
never\t''"
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand env; and __fish_seen_subcommand_from push" -l prod -d 'Target your production deployment instead of the dev one'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand env; and __fish_seen_subcommand_from push" -l allow-insecure-http -d 'Allow plain http:// to a machine other than this one (keys would cross the network unencrypted)'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand env; and __fish_seen_subcommand_from push" -l dry-run -d 'Show the plan and change nothing'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand env; and __fish_seen_subcommand_from push" -l preview -d 'Set them as your project\'s default variables for new preview deployments (through `npx convex env default set --type preview`), instead of on one deployment'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand env; and __fish_seen_subcommand_from push" -l json -d 'Print one JSON document on stdout and nothing else there'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand env; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Print nothing but errors and the values you asked for'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand env; and __fish_seen_subcommand_from push" -s y -l yes -d 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand env; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand env; and __fish_seen_subcommand_from push" -s V -l version -d 'Print version'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "push" -d 'Set JWKS (from your private key) and CONVEX_AUTH_ADAPTER_SECRET on the deployment'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and not __fish_seen_subcommand_from generate jwks rotate prune status help" -l env-file -d 'The Next.js env file to read values from and write them to' -r -F
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and not __fish_seen_subcommand_from generate jwks rotate prune status help" -l color -d 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`' -r -f -a "auto\t''
always\t''
never\t''"
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and not __fish_seen_subcommand_from generate jwks rotate prune status help" -l json -d 'Print one JSON document on stdout and nothing else there'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and not __fish_seen_subcommand_from generate jwks rotate prune status help" -s q -l quiet -d 'Print nothing but errors and the values you asked for'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and not __fish_seen_subcommand_from generate jwks rotate prune status help" -s y -l yes -d 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and not __fish_seen_subcommand_from generate jwks rotate prune status help" -s h -l help -d 'Print help'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and not __fish_seen_subcommand_from generate jwks rotate prune status help" -s V -l version -d 'Print version'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and not __fish_seen_subcommand_from generate jwks rotate prune status help" -f -a "generate" -d 'Generate a new key pair; prints the two lines of the setup guide\'s generateKeys.mjs'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and not __fish_seen_subcommand_from generate jwks rotate prune status help" -f -a "jwks" -d 'Print the JWKS (public key set) of the private key in the environment or env file'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and not __fish_seen_subcommand_from generate jwks rotate prune status help" -f -a "rotate" -d 'Rotate the signing key with no token rejected: publish a new key beside the current one, wait out Convex\'s JWKS cache, then switch the signer'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and not __fish_seen_subcommand_from generate jwks rotate prune status help" -f -a "prune" -d 'Remove retired keys from the deployment\'s JWKS, once no token they signed can be valid'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and not __fish_seen_subcommand_from generate jwks rotate prune status help" -f -a "status" -d 'Show which keys are local, served, and on the deployment, which one signs, and when each retired key is safe to prune'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and not __fish_seen_subcommand_from generate jwks rotate prune status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from generate" -l bits -d 'RSA key size in bits' -r -f -a "2048\t''
3072\t''
4096\t''"
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from generate" -l env-file -d 'The Next.js env file to read values from and write them to' -r -F
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from generate" -l color -d 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`' -r -f -a "auto\t''
always\t''
never\t''"
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from generate" -l write -d 'Store CONVEX_AUTH_PRIVATE_KEY in the env file instead of printing it'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from generate" -l force -d 'With --write: replace an existing CONVEX_AUTH_PRIVATE_KEY (signs out every session)'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from generate" -l json -d 'Print one JSON document on stdout and nothing else there'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from generate" -s q -l quiet -d 'Print nothing but errors and the values you asked for'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from generate" -s y -l yes -d 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from generate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from generate" -s V -l version -d 'Print version'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from jwks" -l env-file -d 'The Next.js env file to read values from and write them to' -r -F
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from jwks" -l color -d 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`' -r -f -a "auto\t''
always\t''
never\t''"
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from jwks" -l json -d 'Print one JSON document on stdout and nothing else there'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from jwks" -s q -l quiet -d 'Print nothing but errors and the values you asked for'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from jwks" -s y -l yes -d 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from jwks" -s h -l help -d 'Print help'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from jwks" -s V -l version -d 'Print version'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l deployment-name -d 'Target the deployment with this name' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l url -d 'The deployment\'s URL (https://<name>.convex.cloud), for an admin key or CONVEX_DEPLOY_KEY' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l admin-key -d 'An admin key for --url (in CI prefer CONVEX_DEPLOY_KEY: other users can see flags in `ps`)' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l via -d 'How to reach the deployment: over HTTP with a key (api), through the convex CLI\'s `env` commands (cli), or api when a key is known and cli otherwise (auto)' -r -f -a "auto\t''
api\t''
cli\t''"
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l wait -d 'Seconds to wait between publishing the new key and switching the signer: Convex\'s JWKS cache time (max-age plus stale-while-revalidate of your /.well-known/jwks.json route)' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l hosting-env-file -d 'With --prod: write the new CONVEX_AUTH_PRIVATE_KEY into this file for your host' -r -F
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l host -d 'Your hosting provider, reached through its API with the token in VERCEL_TOKEN or NETLIFY_AUTH_TOKEN: setup and keys rotate put the Next.js server\'s values there, doctor checks them (with --prod, or setup\'s --preview)' -r -f -a "vercel\t''
netlify\t''"
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l host-project -d 'The host\'s project: Vercel\'s project id or name, Netlify\'s site id [default: VERCEL_PROJECT_ID or NETLIFY_SITE_ID, else the link `vercel link` or `netlify link` wrote]' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l timeout -d 'Seconds to wait for each request to the deployment' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l env-file -d 'The Next.js env file to read values from and write them to' -r -F
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l color -d 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`' -r -f -a "auto\t''
always\t''
never\t''"
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l prod -d 'Target your production deployment instead of the dev one'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l allow-insecure-http -d 'Allow plain http:// to a machine other than this one (keys would cross the network unencrypted)'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l print-hosting-env -d 'With --prod: print the new CONVEX_AUTH_PRIVATE_KEY for your hosting provider'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l redeploy -d 'With --host: start a new production deployment once the new key is set, so that it signs with it (a host\'s values reach only the deployments made after them)'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l json -d 'Print one JSON document on stdout and nothing else there'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from rotate" -s q -l quiet -d 'Print nothing but errors and the values you asked for'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from rotate" -s y -l yes -d 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from rotate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from rotate" -s V -l version -d 'Print version'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from prune" -l deployment-name -d 'Target the deployment with this name' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from prune" -l url -d 'The deployment\'s URL (https://<name>.convex.cloud), for an admin key or CONVEX_DEPLOY_KEY' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from prune" -l admin-key -d 'An admin key for --url (in CI prefer CONVEX_DEPLOY_KEY: other users can see flags in `ps`)' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from prune" -l via -d 'How to reach the deployment: over HTTP with a key (api), through the convex CLI\'s `env` commands (cli), or api when a key is known and cli otherwise (auto)' -r -f -a "auto\t''
api\t''
cli\t''"
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from prune" -l signing-kid -d 'The kid of the key that signs now, where CONVEX_AUTH_PRIVATE_KEY is not here (production\'s key lives on your host); that key is never removed' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from prune" -l host -d 'Your hosting provider, reached through its API with the token in VERCEL_TOKEN or NETLIFY_AUTH_TOKEN: setup and keys rotate put the Next.js server\'s values there, doctor checks them (with --prod, or setup\'s --preview)' -r -f -a "vercel\t''
netlify\t''"
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from prune" -l host-project -d 'The host\'s project: Vercel\'s project id or name, Netlify\'s site id [default: VERCEL_PROJECT_ID or NETLIFY_SITE_ID, else the link `vercel link` or `netlify link` wrote]' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from prune" -l timeout -d 'Seconds to wait for each request to the deployment' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from prune" -l env-file -d 'The Next.js env file to read values from and write them to' -r -F
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from prune" -l color -d 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`' -r -f -a "auto\t''
always\t''
never\t''"
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from prune" -l prod -d 'Target your production deployment instead of the dev one'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from prune" -l allow-insecure-http -d 'Allow plain http:// to a machine other than this one (keys would cross the network unencrypted)'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from prune" -l force -d 'Remove retired keys even while tokens they signed may be valid, or with no word of which key signs (those tokens are rejected)'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from prune" -l json -d 'Print one JSON document on stdout and nothing else there'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from prune" -s q -l quiet -d 'Print nothing but errors and the values you asked for'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from prune" -s y -l yes -d 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from status" -l deployment-name -d 'Target the deployment with this name' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from status" -l url -d 'The deployment\'s URL (https://<name>.convex.cloud), for an admin key or CONVEX_DEPLOY_KEY' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from status" -l admin-key -d 'An admin key for --url (in CI prefer CONVEX_DEPLOY_KEY: other users can see flags in `ps`)' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from status" -l via -d 'How to reach the deployment: over HTTP with a key (api), through the convex CLI\'s `env` commands (cli), or api when a key is known and cli otherwise (auto)' -r -f -a "auto\t''
api\t''
cli\t''"
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from status" -l timeout -d 'Seconds to wait for each request' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from status" -l env-file -d 'The Next.js env file to read values from and write them to' -r -F
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from status" -l color -d 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`' -r -f -a "auto\t''
always\t''
never\t''"
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from status" -l prod -d 'Target your production deployment instead of the dev one'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from status" -l allow-insecure-http -d 'Allow plain http:// to a machine other than this one (keys would cross the network unencrypted)'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from status" -l json -d 'Print one JSON document on stdout and nothing else there'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print nothing but errors and the values you asked for'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from status" -s y -l yes -d 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "generate" -d 'Generate a new key pair; prints the two lines of the setup guide\'s generateKeys.mjs'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "jwks" -d 'Print the JWKS (public key set) of the private key in the environment or env file'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "rotate" -d 'Rotate the signing key with no token rejected: publish a new key beside the current one, wait out Convex\'s JWKS cache, then switch the signer'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove retired keys from the deployment\'s JWKS, once no token they signed can be valid'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show which keys are local, served, and on the deployment, which one signs, and when each retired key is safe to prune'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand secret; and not __fish_seen_subcommand_from generate help" -l env-file -d 'The Next.js env file to read values from and write them to' -r -F
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand secret; and not __fish_seen_subcommand_from generate help" -l color -d 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`' -r -f -a "auto\t''
always\t''
never\t''"
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand secret; and not __fish_seen_subcommand_from generate help" -l json -d 'Print one JSON document on stdout and nothing else there'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand secret; and not __fish_seen_subcommand_from generate help" -s q -l quiet -d 'Print nothing but errors and the values you asked for'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand secret; and not __fish_seen_subcommand_from generate help" -s y -l yes -d 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand secret; and not __fish_seen_subcommand_from generate help" -s h -l help -d 'Print help'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand secret; and not __fish_seen_subcommand_from generate help" -s V -l version -d 'Print version'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand secret; and not __fish_seen_subcommand_from generate help" -f -a "generate" -d 'Generate a new random secret; prints CONVEX_AUTH_ADAPTER_SECRET=<base64>'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand secret; and not __fish_seen_subcommand_from generate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand secret; and __fish_seen_subcommand_from generate" -l bytes -d 'How many random bytes (at least 32); 33 bytes give 44 base64 characters' -r
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand secret; and __fish_seen_subcommand_from generate" -l env-file -d 'The Next.js env file to read values from and write them to' -r -F
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand secret; and __fish_seen_subcommand_from generate" -l color -d 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`' -r -f -a "auto\t''
always\t''
never\t''"
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand secret; and __fish_seen_subcommand_from generate" -l raw -d 'Print the value alone, without CONVEX_AUTH_ADAPTER_SECRET='
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand secret; and __fish_seen_subcommand_from generate" -l write -d 'Store CONVEX_AUTH_ADAPTER_SECRET in the env file instead of printing it'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand secret; and __fish_seen_subcommand_from generate" -l force -d 'With --write: replace an existing CONVEX_AUTH_ADAPTER_SECRET'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand secret; and __fish_seen_subcommand_from generate" -l json -d 'Print one JSON document on stdout and nothing else there'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand secret; and __fish_seen_subcommand_from generate" -s q -l quiet -d 'Print nothing but errors and the values you asked for'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand secret; and __fish_seen_subcommand_from generate" -s y -l yes -d 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand secret; and __fish_seen_subcommand_from generate" -s h -l help -d 'Print help'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand secret; and __fish_seen_subcommand_from generate" -s V -l version -d 'Print version'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "generate" -d 'Generate a new random secret; prints CONVEX_AUTH_ADAPTER_SECRET=<base64>'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand completions" -l env-file -d 'The Next.js env file to read values from and write them to' -r -F
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand completions" -l color -d 'When to colour output; NO_COLOR and CLICOLOR_FORCE are honoured with `auto`' -r -f -a "auto\t''
always\t''
never\t''"
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand completions" -l json -d 'Print one JSON document on stdout and nothing else there'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand completions" -s q -l quiet -d 'Print nothing but errors and the values you asked for'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand completions" -s y -l yes -d 'Never prompt: a question that needs an answer becomes an error naming the flag to pass'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand completions" -s h -l help -d 'Print help'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand completions" -s V -l version -d 'Print version'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand help; and not __fish_seen_subcommand_from setup init doctor env keys secret completions help" -f -a "setup" -d 'Set up a project: the adapter\'s code, the key and secrets, the deployment, then doctor'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand help; and not __fish_seen_subcommand_from setup init doctor env keys secret completions help" -f -a "init" -d 'Write the adapter\'s code into the project: tables, Convex functions, routes, signer'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand help; and not __fish_seen_subcommand_from setup init doctor env keys secret completions help" -f -a "doctor" -d 'Prove the whole chain works: env file, site endpoints, keys, tokens, adapter, deployment'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand help; and not __fish_seen_subcommand_from setup init doctor env keys secret completions help" -f -a "env" -d 'Put JWKS and CONVEX_AUTH_ADAPTER_SECRET on your Convex deployment'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand help; and not __fish_seen_subcommand_from setup init doctor env keys secret completions help" -f -a "keys" -d 'Generate the RS256 key pair, or print the JWKS of the key you have'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand help; and not __fish_seen_subcommand_from setup init doctor env keys secret completions help" -f -a "secret" -d 'Generate the adapter\'s shared secret (CONVEX_AUTH_ADAPTER_SECRET)'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand help; and not __fish_seen_subcommand_from setup init doctor env keys secret completions help" -f -a "completions" -d 'Print the shell completion script for SHELL on stdout'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand help; and not __fish_seen_subcommand_from setup init doctor env keys secret completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand help; and __fish_seen_subcommand_from env" -f -a "push" -d 'Set JWKS (from your private key) and CONVEX_AUTH_ADAPTER_SECRET on the deployment'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "generate" -d 'Generate a new key pair; prints the two lines of the setup guide\'s generateKeys.mjs'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "jwks" -d 'Print the JWKS (public key set) of the private key in the environment or env file'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "rotate" -d 'Rotate the signing key with no token rejected: publish a new key beside the current one, wait out Convex\'s JWKS cache, then switch the signer'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "prune" -d 'Remove retired keys from the deployment\'s JWKS, once no token they signed can be valid'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "status" -d 'Show which keys are local, served, and on the deployment, which one signs, and when each retired key is safe to prune'
complete -c convex-authjs -n "__fish_convex_authjs_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "generate" -d 'Generate a new random secret; prints CONVEX_AUTH_ADAPTER_SECRET=<base64>'
