//! `convex/http.ts`: the two `/.well-known` routes Convex reads this app's key from, added to
//! the user's own router beside their routes.

use oxc_ast::ast::{Argument, Expression, Program, Statement};
use oxc_span::GetSpan;

use super::edit::{self, Insert};
use super::file_plan::Missing;
use super::source;
use super::style::Style;
use super::templates;
use super::verdict::Verdict;

pub const DISCOVERY: &str = "/.well-known/openid-configuration";
pub const JWKS: &str = "/.well-known/jwks.json";
const IMPORT: &str = "import { httpAction } from \"./_generated/server\";";

pub fn read(text: &str, program: &Program) -> Verdict {
    let (router, export_at) = match router(program) {
        Some(found) => found,
        None => {
            return Verdict::manual(
                missing(&[]),
                "it has no `const http = httpRouter()` exported as default that we can read",
                format!("{IMPORT}\n\n// before `export default http`:\n{}", templates::routes("http")),
            );
        }
    };
    let paths = route_paths(program, &router);
    let found: Vec<&str> = [DISCOVERY, JWKS].into_iter().filter(|p| paths.iter().any(|q| q == p)).collect();
    // The router handed to a library (`auth.addHttpRoutes(http)`, Better Auth's
    // `registerRoutes(http, …)`) may get the same paths, and Convex refuses a path twice when
    // it loads the module: which paths it adds cannot be read from here.
    if found.is_empty()
        && let Some(call) = passed_to(program, &router)
    {
        return Verdict::manual(
            missing(&[]),
            &format!("its router is passed to {call}, which may serve the /.well-known routes itself"),
            format!(
                "// if {call} does not serve them, before `export default {router}`:\n{}",
                templates::routes(&router)
            ),
        );
    }
    match found.len() {
        2 => Verdict::Present,
        1 => Verdict::manual(
            missing(&found),
            &format!("it already serves {} in its own way", found[0]),
            format!("// add the other route of convex-authjs's http.ts:\n{}", templates::routes(&router)),
        ),
        _ => {
            let style = Style::of(text, program);
            let newline = style.newline();
            let mut inserts = vec![Insert {
                at: export_at,
                text: format!("{}{newline}{newline}", style.apply(&templates::routes(&router), "")),
            }];
            if !source::imports_name(program, "httpAction") {
                inserts.push(edit::insert_import(program, text, IMPORT, &style));
            }
            Verdict::Insert { inserts, missing: missing(&[]) }
        }
    }
}

fn missing(found: &[&str]) -> Vec<Missing> {
    [DISCOVERY, JWKS].into_iter().filter(|p| !found.contains(p)).map(Missing::Route).collect()
}

/// The router's name (`const http = httpRouter()`) and where `export default http` starts.
fn router(program: &Program) -> Option<(String, usize)> {
    let (value, at) = source::default_export(program)?;
    let Expression::Identifier(name) = value.get_inner_expression() else { return None };
    let Expression::CallExpression(call) = source::const_value(program, &name.name)?.get_inner_expression() else {
        return None;
    };
    call.callee.is_specific_id("httpRouter").then(|| (name.name.to_string(), at))
}

/// The first top-level call that takes the router as an argument (`auth.addHttpRoutes(http)`),
/// as written (`auth.addHttpRoutes`).
fn passed_to(program: &Program, router: &str) -> Option<String> {
    program.body.iter().find_map(|statement| {
        let Statement::ExpressionStatement(s) = statement else { return None };
        let Expression::CallExpression(call) = s.expression.get_inner_expression() else { return None };
        let takes_router = call.arguments.iter().any(|a| a.as_expression().is_some_and(|e| e.is_specific_id(router)));
        takes_router.then(|| {
            let span = call.callee.span();
            program.source_text[span.start as usize..span.end as usize].to_string()
        })
    })
}

/// The paths of the file's top-level `<router>.route({ path: "…" })` calls.
fn route_paths(program: &Program, router: &str) -> Vec<String> {
    let mut paths = Vec::new();
    for statement in &program.body {
        let expression = match statement {
            Statement::ExpressionStatement(s) => &s.expression,
            _ => continue,
        };
        let Expression::CallExpression(call) = expression.get_inner_expression() else { continue };
        let callee = &call.callee;
        let is_route = callee.is_member_expression()
            && callee.to_member_expression().object().is_specific_id(router)
            && callee.to_member_expression().static_property_name().is_some_and(|p| p == "route");
        let Some(Argument::ObjectExpression(options)) = call.arguments.first().filter(|_| is_route) else { continue };
        match source::property(options, "path").map(|p| p.get_inner_expression()) {
            Some(Expression::StringLiteral(path)) => paths.push(path.value.to_string()),
            Some(Expression::TemplateLiteral(t)) if t.expressions.is_empty() => {
                paths.extend(t.quasis.first().and_then(|q| q.value.cooked.map(|c| c.to_string())));
            }
            _ => {}
        }
    }
    paths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::init::verdict::judged;

    fn run(text: &str) -> (Verdict, String) {
        judged("http.ts", text, read)
    }

    const USERS: &str = "import { httpRouter } from \"convex/server\";\nimport { webhook } from \"./webhook\";\n\nconst router = httpRouter();\n\nrouter.route({ path: \"/webhook\", method: \"POST\", handler: webhook });\n\nexport default router;\n";

    #[test]
    fn a_router_handed_to_a_library_is_manual() {
        for call in ["auth.addHttpRoutes(http);", "authComponent.registerRoutes(http, createAuth);"] {
            let text = format!(
                "import {{ httpRouter }} from \"convex/server\";\n\nconst http = httpRouter();\n\n{call}\n\nexport default http;\n"
            );
            let (verdict, after) = run(&text);
            assert!(matches!(verdict, Verdict::Manual { .. }), "{call}: {verdict:?}");
            assert_eq!(after, text, "nothing inserted");
        }
    }

    #[test]
    fn the_routes_go_before_the_export_on_the_users_router() {
        let (verdict, after) = run(USERS);
        assert!(matches!(verdict, Verdict::Insert { .. }));
        assert!(after.starts_with("import { httpRouter } from \"convex/server\";\nimport { webhook } from \"./webhook\";\nimport { httpAction } from \"./_generated/server\";\n\nconst router = httpRouter();\n\nrouter.route({ path: \"/webhook\", method: \"POST\", handler: webhook });\n\n"), "{after}");
        assert!(after.contains("router.route({\n  path: \"/.well-known/jwks.json\""));
        assert!(after.ends_with("});\n\nexport default router;\n"), "{after}");
        assert_eq!(run(&after).0, Verdict::Present);
    }

    #[test]
    fn one_route_of_its_own_is_left_to_the_user() {
        let text = USERS.replace("\"/webhook\"", "\"/.well-known/jwks.json\"");
        let (verdict, _) = run(&text);
        let Verdict::Manual { missing, .. } = verdict else { panic!() };
        assert_eq!(missing, [Missing::Route("/.well-known/openid-configuration")]);
    }

    #[test]
    fn a_router_we_cannot_find_is_manual() {
        let (verdict, _) = run("import http from \"./router\";\nexport default http;\n");
        assert!(matches!(verdict, Verdict::Manual { .. }));
    }
}
