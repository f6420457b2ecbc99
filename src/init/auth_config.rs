//! `convex/auth.config.ts`: the provider that makes Convex accept this app's tokens (its
//! issuer is the deployment's own site URL), added beside the user's providers (Clerk, …).

use oxc_ast::ast::{Expression, Program};

use super::edit::{self, Container};
use super::file_plan::Missing;
use super::source;
use super::style::Style;
use super::templates;
use super::verdict::Verdict;

pub const MISSING: &str = "provider with domain process.env.CONVEX_SITE_URL";

pub fn read(text: &str, program: &Program) -> Verdict {
    let Some(providers) = providers(program) else {
        return Verdict::manual(
            vec![Missing::Other(MISSING)],
            "it has no `export default { providers: [ … ] }` we can read",
            format!("// first, inside providers: [ … ]:\n{},", templates::PROVIDER.trim_end()),
        );
    };
    let ours =
        providers.elements.iter().any(|element| match element.as_expression().map(|e| source::resolve(program, e)) {
            Some(Expression::ObjectExpression(provider)) => {
                source::property(provider, "domain").is_some_and(|domain| is_site_url(program, domain))
            }
            _ => false,
        });
    if ours {
        return Verdict::Present;
    }
    // A config typed as Convex's `AuthConfig` wants a `string` domain, and process.env's
    // values are `string | undefined`: the built-in site URL is always set, so say so.
    let typed = program.source_type.is_typescript() && source::imports_name(program, "AuthConfig");
    let (block, line) = if typed {
        (
            templates::PROVIDER.trim_end().replace("CONVEX_SITE_URL,", "CONVEX_SITE_URL!,"),
            templates::PROVIDER_ONE_LINE.replace("CONVEX_SITE_URL,", "CONVEX_SITE_URL!,"),
        )
    } else {
        (templates::PROVIDER.trim_end().to_string(), templates::PROVIDER_ONE_LINE.to_string())
    };
    let style = Style::of(text, program);
    let insert = edit::insert_first(text, Container::of_array(providers), &block, &line, &style);
    Verdict::Insert { inserts: vec![insert], missing: vec![Missing::Other(MISSING)] }
}

/// `process.env.CONVEX_SITE_URL`, or `env.CONVEX_SITE_URL` with `env` from the generated
/// server module (as some apps write it).
fn is_site_url(program: &Program, domain: &Expression) -> bool {
    if source::is_env(domain, "CONVEX_SITE_URL") {
        return true;
    }
    let inner = domain.get_inner_expression();
    inner.is_member_expression() && {
        let member = inner.to_member_expression();
        let object = member.object().get_inner_expression();
        member.static_property_name().is_some_and(|p| p == "CONVEX_SITE_URL")
            && matches!(object, Expression::Identifier(id) if source::imports(program).iter().any(|import| {
                import.source.trim_end_matches(".js").ends_with("_generated/server")
                    && import.locals.iter().any(|local| local == id.name.as_str())
            }))
    }
}

fn providers<'p, 'a>(program: &'p Program<'a>) -> Option<&'p oxc_ast::ast::ArrayExpression<'a>> {
    let (value, _) = source::default_export(program)?;
    let Expression::ObjectExpression(config) = source::resolve(program, value) else { return None };
    match source::resolve(program, source::property(config, "providers")?) {
        Expression::ArrayExpression(array) => Some(array),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::init::verdict::judged;

    fn run(text: &str) -> (Verdict, String) {
        judged("auth.config.ts", text, read)
    }

    #[test]
    fn ours_goes_beside_a_clerk_provider() {
        let text = "import { AuthConfig } from \"convex/server\";\n\nexport default {\n  providers: [\n    {\n      domain: process.env.CLERK_JWT_ISSUER_DOMAIN!,\n      applicationID: \"convex\",\n    },\n  ],\n} satisfies AuthConfig;\n";
        let (_, after) = run(text);
        assert_eq!(
            after,
            "import { AuthConfig } from \"convex/server\";\n\nexport default {\n  providers: [\n    {\n      domain: process.env.CONVEX_SITE_URL!,\n      applicationID: \"convex\",\n    },\n    {\n      domain: process.env.CLERK_JWT_ISSUER_DOMAIN!,\n      applicationID: \"convex\",\n    },\n  ],\n} satisfies AuthConfig;\n"
        );
        assert_eq!(run(&after).0, Verdict::Present);
    }

    #[test]
    fn an_empty_list_and_a_named_config() {
        let (_, after) = run("const config = { providers: [] };\nexport default config;\n");
        assert_eq!(
            after,
            "const config = { providers: [\n  {\n    domain: process.env.CONVEX_SITE_URL,\n    applicationID: \"convex\",\n  },\n] };\nexport default config;\n"
        );
    }

    #[test]
    fn a_domain_from_the_generated_env_counts_as_ours() {
        let text = "import { env } from \"./_generated/server\";\n\nexport default { providers: [{ domain: env.CONVEX_SITE_URL, applicationID: \"convex\" }] };\n";
        assert_eq!(run(text).0, Verdict::Present);
        let other = text.replace("./_generated/server", "./somewhere");
        assert_ne!(run(&other).0, Verdict::Present, "another module's env is not the generated one");
    }

    #[test]
    fn a_config_we_cannot_read_is_manual() {
        let (verdict, _) = run("export default makeConfig();\n");
        assert!(matches!(verdict, Verdict::Manual { .. }));
    }
}
