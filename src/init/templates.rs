//! The code init writes, kept as TypeScript files beside this module (so they read, diff and
//! typecheck as code). Placeholders in `{{…}}` are import paths and names the project decides.

pub const AUTH_TABLES: &str = include_str!("templates/authTables.ts");
pub const AUTH_ADAPTER: &str = include_str!("templates/authAdapter.ts");

/// The first convex release whose `db.get`, `db.patch` and `db.delete` take the table's name
/// before the id (the form Convex's own lint rule, `@convex-dev/explicit-table-ids`, asks for).
pub const EXPLICIT_TABLE_IDS: super::versions::Version = super::versions::Version::new(1, 31, 7);

/// The adapter's Convex functions, naming each table in `db` calls (convex 1.31.7 and later),
/// or in the older form, the id alone, which every convex since 1.16 takes.
pub fn auth_adapter(explicit_table_ids: bool) -> String {
    if explicit_table_ids {
        return AUTH_ADAPTER.into();
    }
    let named = regex::Regex::new(r#"ctx\.db\.(get|patch|delete)\("[A-Za-z]+", "#).expect("the pattern is valid");
    named.replace_all(AUTH_ADAPTER, "ctx.db.$1(").into_owned()
}
pub const SCHEMA: &str = include_str!("templates/schema.ts");
const HTTP: &str = include_str!("templates/http.ts");
const ROUTES: &str = include_str!("templates/routes.ts");
const AUTH_CONFIG: &str = include_str!("templates/auth.config.ts");
pub const PROVIDER: &str = include_str!("templates/provider.ts");
pub const PROVIDER_ONE_LINE: &str = "{ domain: process.env.CONVEX_SITE_URL, applicationID: \"convex\" }";
const CONVEX_ADAPTER: &str = include_str!("templates/ConvexAdapter.ts");
pub const CONVEX_TOKEN: &str = include_str!("templates/convexToken.ts");
const AUTH: &str = include_str!("templates/auth.ts");
const APP: &str = include_str!("templates/_app.tsx");

/// The Pages Router's `_app`, rendering every page in the provider imported from `provider`.
pub fn pages_app(provider: &str) -> String {
    APP.replace("{{PROVIDER}}", provider)
}
const AUTH_ROUTE: &str = include_str!("templates/route.ts");
pub const CLIENT_PROVIDER: &str = include_str!("templates/ConvexClientProvider.tsx");

/// Our provider in place of the quickstart's, exported as that one was: by default, or by its
/// name too (`export function ConvexClientProvider`, which the layout imports by name).
pub fn client_provider(named: Option<&str>) -> String {
    match named {
        None => CLIENT_PROVIDER.into(),
        Some(name) => {
            let local = "ConvexClientProvider";
            let export = if name == local {
                format!("export {{ {local} }};")
            } else {
                format!("export {{ {local} as {name} }};")
            };
            format!("{CLIENT_PROVIDER}\n// The name the app imports it by.\n{export}\n")
        }
    }
}

/// What a provider of the user's needs, all of it here (nothing to look up in a file they do
/// not have): the imports, the wrapping, and the hook, as our own provider has them.
pub fn client_provider_lines() -> String {
    let hook = &CLIENT_PROVIDER[CLIENT_PROVIDER.find("function useAuth()").expect("the template has the hook")..];
    format!(
        "import {{ ConvexProviderWithAuth }} from \"convex/react\";\n\
         import type {{ Session }} from \"next-auth\";\n\
         import {{ SessionProvider, useSession }} from \"next-auth/react\";\n\
         import {{ useCallback, useEffect, useMemo, useRef }} from \"react\";\n\n\
         // in place of <ConvexProvider client={{convex}}>…</ConvexProvider>, with the session\n\
         // (a Session | null prop) from auth() on the server:\n\
         <SessionProvider session={{session}}>\n  \
           <ConvexProviderWithAuth client={{convex}} useAuth={{useAuth}}>\n    \
             {{children}}\n  \
           </ConvexProviderWithAuth>\n\
         </SessionProvider>\n\n\
         // and beside the component:\n{}",
        hook.trim_end()
    )
}

/// The Auth.js adapter's methods, each a Convex function of `authAdapter.ts`.
pub const ADAPTER_FUNCTIONS: [&str; 19] = [
    "createUser",
    "getUser",
    "getUserByEmail",
    "getUserByAccount",
    "updateUser",
    "deleteUser",
    "linkAccount",
    "unlinkAccount",
    "getAccount",
    "createSession",
    "getSessionAndUser",
    "updateSession",
    "deleteSession",
    "createVerificationToken",
    "useVerificationToken",
    "createAuthenticator",
    "getAuthenticator",
    "listAuthenticatorsByUserId",
    "updateAuthenticatorCounter",
];

/// The tables of `authTables.ts`.
pub const AUTH_TABLE_NAMES: [&str; 5] = ["users", "sessions", "accounts", "verificationTokens", "authenticators"];

/// The two routes, on the router named `router`.
pub fn routes(router: &str) -> String {
    ROUTES.replace("{{ROUTER}}", router)
}

pub fn http() -> String {
    HTTP.replace("{{ROUTES}}", &routes("http"))
}

pub fn auth_config() -> String {
    let provider = PROVIDER.trim_end().replace('\n', "\n    ");
    AUTH_CONFIG.replace("{{PROVIDER}}", &provider)
}

/// `convex` is how the adapter's folder imports the Convex folder.
pub fn convex_adapter(convex: &str) -> String {
    CONVEX_ADAPTER.replace("{{CONVEX}}", convex)
}

pub fn auth(adapter: &str, token: &str) -> String {
    AUTH.replace("{{ADAPTER}}", adapter).replace("{{TOKEN}}", token)
}

/// `auth` is how the route's folder imports `auth.ts`.
pub fn auth_route(auth: &str) -> String {
    AUTH_ROUTE.replace("{{AUTH}}", auth)
}

/// The lines a config of the user's needs, for the parts it lacks: the adapter (imported from
/// `adapter`), and the session callback that calls the signer (imported from `token`) with the
/// session's type.
pub fn auth_lines(adapter: Option<&str>, token: Option<&str>) -> String {
    let mut imports = String::new();
    let mut config = String::new();
    if let Some(adapter) = adapter {
        imports.push_str(&format!("import {{ ConvexAdapter }} from \"{adapter}\";\n"));
        config.push_str("  adapter: ConvexAdapter,\n");
    }
    let mut end = String::new();
    if let Some(token) = token {
        imports.push_str(&format!("import {{ signConvexToken }} from \"{token}\";\n"));
        config.push_str(
            "  callbacks: {\n    async session({ session }) {\n      return { ...session, convexToken: await signConvexToken(session.userId) };\n    },\n  },\n",
        );
        end = "\n// at the end of the file:\ndeclare module \"next-auth\" {\n  interface Session {\n    convexToken: string;\n  }\n}".into();
    }
    format!("{imports}\n// in NextAuth({{ … }}):\n{config}{end}").trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_is_filled() {
        let all = [http(), auth_config(), convex_adapter("../convex"), auth("./a", "./b"), auth_route("@/auth")];
        for text in all {
            assert!(!text.contains("{{"), "{text}");
        }
    }

    #[test]
    fn the_adapter_module_defines_every_listed_function_and_no_other() {
        let defined: Vec<&str> = AUTH_ADAPTER
            .lines()
            .filter_map(|line| line.strip_prefix("export const "))
            .filter_map(|rest| rest.split(' ').next())
            .collect();
        let mut listed = ADAPTER_FUNCTIONS.to_vec();
        let mut sorted = defined.clone();
        listed.sort();
        sorted.sort();
        assert_eq!(sorted, listed);
    }

    #[test]
    fn a_configs_lines_are_only_what_it_lacks() {
        let both = auth_lines(Some("./app/ConvexAdapter"), Some("./app/convexToken"));
        assert!(both.contains("import { ConvexAdapter }") && both.contains("signConvexToken(session.userId)"));
        let token_only = auth_lines(None, Some("./app/convexToken"));
        assert!(!token_only.contains("ConvexAdapter"), "{token_only}");
        assert!(token_only.contains("declare module \"next-auth\""), "{token_only}");
        let adapter_only = auth_lines(Some("./app/ConvexAdapter"), None);
        assert!(
            !adapter_only.contains("signConvexToken") && !adapter_only.contains("declare module"),
            "{adapter_only}"
        );
    }
}
