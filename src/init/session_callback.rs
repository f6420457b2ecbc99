//! The setup guide's session callback in the user's Auth.js config, recognised by what it does:
//! `callbacks.session({ session })` that imports the private key with jose's `importPKCS8`,
//! signs `{ sub: session.userId }` with `new SignJWT(…)…sign(privateKey)` and returns
//! `{ ...session, convexToken }`, and nothing else. Such a body holds nothing of the user's: it
//! becomes a call to init's signer (which sends a `kid` and signs for the site URL), the only
//! edit init makes to a user's config. Of the rest, only what the old body alone used goes
//! (jose's import, the issuer constant); everything else in the file stays as it is.

use std::path::Path;

use oxc_ast::ast::{
    BindingPatternKind, Expression, FormalParameters, FunctionBody, ObjectPropertyKind, Program, Statement,
};
use oxc_span::GetSpan;

use super::edit::{indent_at, insert_import};
use super::source;
use super::style::Style;

/// The jose calls the guide's signer chains after `new SignJWT(…)`.
const CHAIN: [&str; 6] = ["setProtectedHeader", "setIssuedAt", "setIssuer", "setAudience", "setExpirationTime", "sign"];

/// The file with the recognised callback calling `signConvexToken` (imported from `token`),
/// or none when the config has no such callback. What only the old body used goes with it
/// (jose's import, the issuer constant), where nothing else in the file names it: eslint
/// would call it unused.
pub fn upgrade(path: &Path, text: &str, program: &Program, token: &str) -> Option<String> {
    let (params, body) = session_callback(program)?;
    if !binds_session(params) || !signs_as_the_guide(body) {
        return None;
    }
    let style = Style::of(text, program);
    let newline = style.newline();
    // Inside the body's braces, its statements give way to one.
    let (open, close) = (body.span.start as usize + 1, body.span.end as usize - 1);
    let indent = indent_at(text, body.statements.first()?.span().start as usize);
    let returned = style.apply("return { ...session, convexToken: await signConvexToken(session.userId) };", indent);
    let mut edits = vec![(open, close, format!("{newline}{indent}{returned}{newline}{}", indent_at(text, close)))];
    edits.extend(unused_helpers(text, program, (open, close)).into_iter().map(|(s, e)| (s, e, String::new())));
    // From the end, so that each range still means what it meant.
    edits.sort_by_key(|(start, ..)| std::cmp::Reverse(*start));
    let mut out = text.to_string();
    for (start, end, with) in edits {
        out.replace_range(start..end, &with);
    }
    let line = format!("import {{ signConvexToken }} from \"{token}\";");
    let import = source::parse(path, &out, |program| insert_import(program, &out, &line, &style)).ok()?;
    Some(super::edit::insert(&out, &[import]))
}

/// The whole lines of the top-level statements that only the old body (`body`, a byte range)
/// used: an import of jose's that binds only `SignJWT` and `importPKCS8`, and a `const` the
/// body names whose value comes from the deployment's URL.
fn unused_helpers(text: &str, program: &Program, body: (usize, usize)) -> Vec<(usize, usize)> {
    let outside = |name: &str, own: (usize, usize)| {
        word_at(text, name).any(|at| !(body.0..body.1).contains(&at) && !(own.0..own.1).contains(&at))
    };
    let mut unused = Vec::new();
    for statement in &program.body {
        let own = (statement.span().start as usize, statement.span().end as usize);
        match statement {
            Statement::ImportDeclaration(import) if import.source.value == "jose" => {
                let names: Vec<&str> = import.specifiers.iter().flatten().map(|s| s.local().name.as_str()).collect();
                let helpers = !names.is_empty() && names.iter().all(|n| ["SignJWT", "importPKCS8"].contains(n));
                if helpers && names.iter().all(|n| !outside(n, own)) {
                    unused.push(whole_lines(text, own));
                }
            }
            Statement::VariableDeclaration(declaration) => {
                let [declarator] = declaration.declarations.as_slice() else { continue };
                let Some(name) = declarator.id.get_binding_identifier().map(|id| id.name.as_str()) else { continue };
                let value = &text[own.0..own.1];
                let issuer = value.contains("NEXT_PUBLIC_CONVEX_URL") || value.contains("CONVEX_SITE_URL");
                let in_body = word_at(text, name).any(|at| (body.0..body.1).contains(&at));
                if issuer && in_body && !outside(name, own) {
                    unused.push(whole_lines(text, own));
                }
            }
            _ => {}
        }
    }
    unused
}

/// Where `name` stands as a word of its own in `text`.
fn word_at<'t>(text: &'t str, name: &'t str) -> impl Iterator<Item = usize> + 't {
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    text.match_indices(name).map(|(at, _)| at).filter(move |&at| {
        !text[..at].chars().next_back().is_some_and(word) && !text[at + name.len()..].chars().next().is_some_and(word)
    })
}

/// `range` widened to its whole lines, the newline after it included, when nothing else is on
/// them.
fn whole_lines(text: &str, (start, end): (usize, usize)) -> (usize, usize) {
    let line_start = text[..start].rfind('\n').map_or(0, |n| n + 1);
    let rest = &text[end..];
    let line_end = rest.find('\n').map_or(text.len(), |n| end + n + 1);
    let alone = text[line_start..start].trim().is_empty() && text[end..line_end].trim().is_empty();
    if !alone {
        return (start, end);
    }
    // Between two blank lines, one of them goes too.
    let blank_around = text[..line_start].ends_with("\n\n") && text[line_end..].starts_with('\n');
    (line_start, if blank_around { line_end + 1 } else { line_end })
}

/// Whether the file's session callback is still the guide's (a check of our edit).
pub fn still_signs(path: &std::path::Path, text: &str) -> bool {
    source::parse(path, text, |program| {
        session_callback(program).is_some_and(|(params, body)| binds_session(params) && signs_as_the_guide(body))
    })
    .unwrap_or(true)
}

/// `callbacks.session` of the config passed to `NextAuth(…)`: its parameters and block body.
fn session_callback<'p, 'a>(program: &'p Program<'a>) -> Option<(&'p FormalParameters<'a>, &'p FunctionBody<'a>)> {
    let Expression::ObjectExpression(config) = source::default_import_call_argument(program, "next-auth")? else {
        return None;
    };
    let Expression::ObjectExpression(callbacks) = source::resolve(program, source::property(config, "callbacks")?)
    else {
        return None;
    };
    match source::property(callbacks, "session")?.get_inner_expression() {
        Expression::FunctionExpression(function) => Some((&function.params, function.body.as_deref()?)),
        Expression::ArrowFunctionExpression(arrow) if !arrow.expression => Some((&arrow.params, &arrow.body)),
        _ => None,
    }
}

/// `({ session })`: the one parameter destructures `session` under its own name.
fn binds_session(params: &FormalParameters) -> bool {
    let [param] = params.items.as_slice() else { return false };
    match &param.pattern.kind {
        BindingPatternKind::ObjectPattern(object) => object.properties.iter().any(|p| {
            p.key.static_name().is_some_and(|k| k == "session")
                && p.value.get_binding_identifier().is_some_and(|id| id.name == "session")
        }),
        _ => false,
    }
}

/// The body is the guide's three statements: the key imported, the token signed, the session
/// returned with it.
fn signs_as_the_guide(body: &FunctionBody) -> bool {
    let [Statement::VariableDeclaration(key), Statement::VariableDeclaration(token), Statement::ReturnStatement(ret)] =
        body.statements.as_slice()
    else {
        return false;
    };
    let (Some(key_name), Some(token_name)) = (single_const(key, imports_the_key), single_const(token, signs)) else {
        return false;
    };
    let signed_with_key = single_init(token).is_some_and(|init| sign_argument_is(init, &key_name));
    signed_with_key && ret.argument.as_ref().is_some_and(|value| returns_session_with(value, &token_name))
}

/// The name a `const name = <init>` binds, when it is the declaration's one binding and `init`
/// is what `is` wants.
fn single_const(declaration: &oxc_ast::ast::VariableDeclaration, is: fn(&Expression) -> bool) -> Option<String> {
    let [declarator] = declaration.declarations.as_slice() else { return None };
    let name = declarator.id.get_binding_identifier()?.name.to_string();
    declarator.init.as_ref().filter(|init| is(init)).map(|_| name)
}

fn single_init<'p, 'a>(declaration: &'p oxc_ast::ast::VariableDeclaration<'a>) -> Option<&'p Expression<'a>> {
    declaration.declarations.first()?.init.as_ref()
}

/// `await importPKCS8(process.env.CONVEX_AUTH_PRIVATE_KEY, "RS256")`.
fn imports_the_key(init: &Expression) -> bool {
    let Expression::AwaitExpression(awaited) = init.get_inner_expression() else { return false };
    let Expression::CallExpression(call) = awaited.argument.get_inner_expression() else { return false };
    let callee = matches!(&call.callee, Expression::Identifier(id) if id.name == "importPKCS8");
    let args: Vec<&Expression> = call.arguments.iter().filter_map(|a| a.as_expression()).collect();
    callee
        && matches!(args.as_slice(), [key, Expression::StringLiteral(alg)]
            if source::is_env(key, "CONVEX_AUTH_PRIVATE_KEY") && alg.value == "RS256")
}

/// `await new SignJWT({ sub: session.userId })` with jose's setters, ending in `.sign(…)`.
fn signs(init: &Expression) -> bool {
    let Expression::AwaitExpression(awaited) = init.get_inner_expression() else { return false };
    let mut at = awaited.argument.get_inner_expression();
    let mut called = Vec::new();
    loop {
        match at {
            Expression::CallExpression(call) => {
                let Expression::StaticMemberExpression(member) = &call.callee else { return false };
                called.push(member.property.name.as_str());
                at = member.object.get_inner_expression();
            }
            Expression::NewExpression(new) => {
                let jwt = matches!(&new.callee, Expression::Identifier(id) if id.name == "SignJWT");
                let payload = new.arguments.first().and_then(|a| a.as_expression());
                return jwt
                    && new.arguments.len() == 1
                    && payload.is_some_and(subject_is_the_user)
                    && called.first() == Some(&"sign")
                    && called.iter().all(|name| CHAIN.contains(name));
            }
            _ => return false,
        }
    }
}

/// `{ sub: session.userId }` and nothing else.
fn subject_is_the_user(payload: &Expression) -> bool {
    let Expression::ObjectExpression(object) = payload.get_inner_expression() else { return false };
    let [ObjectPropertyKind::ObjectProperty(sub)] = object.properties.as_slice() else { return false };
    sub.key.static_name().is_some_and(|k| k == "sub")
        && matches!(sub.value.get_inner_expression(), Expression::StaticMemberExpression(member)
            if member.property.name == "userId"
                && matches!(&member.object, Expression::Identifier(id) if id.name == "session"))
}

/// The chain's last call is `.sign(<key>)`.
fn sign_argument_is(init: &Expression, key: &str) -> bool {
    let Expression::AwaitExpression(awaited) = init.get_inner_expression() else { return false };
    let Expression::CallExpression(call) = awaited.argument.get_inner_expression() else { return false };
    let args: Vec<&Expression> = call.arguments.iter().filter_map(|a| a.as_expression()).collect();
    matches!(args.as_slice(), [Expression::Identifier(id)] if id.name == key)
}

/// `{ ...session, convexToken }` (or `convexToken: convexToken`).
fn returns_session_with(value: &Expression, token: &str) -> bool {
    let Expression::ObjectExpression(object) = value.get_inner_expression() else { return false };
    let [ObjectPropertyKind::SpreadProperty(spread), ObjectPropertyKind::ObjectProperty(field)] =
        object.properties.as_slice()
    else {
        return false;
    };
    matches!(&spread.argument, Expression::Identifier(id) if id.name == "session")
        && field.key.static_name().is_some_and(|k| k == "convexToken")
        && matches!(field.value.get_inner_expression(), Expression::Identifier(id) if id.name == token)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIGNING: &str = "const key = await importPKCS8(process.env.CONVEX_AUTH_PRIVATE_KEY!, 'RS256')\n      const token = await new SignJWT({ sub: session.userId }).setProtectedHeader({ alg: 'RS256' }).setIssuedAt().setIssuer(SITE).setAudience('convex').setExpirationTime('1h').sign(key)\n      return { ...session, convexToken: token }";

    fn upgraded(callback: &str) -> Option<String> {
        let text = format!(
            "import NextAuth from 'next-auth'\nimport {{ SignJWT, importPKCS8 }} from 'jose'\n\nconst SITE = process.env.NEXT_PUBLIC_CONVEX_URL!.replace(/.cloud$/, '.site')\n\nexport const {{ auth }} = NextAuth({{\n  providers: [],\n  callbacks: {{\n    {callback}\n  }},\n}})\n"
        );
        let path = Path::new("auth.ts");
        source::parse(path, &text, |program| upgrade(path, &text, program, "./app/convexToken")).unwrap()
    }

    #[test]
    fn the_callback_is_recognised_in_any_form_and_style() {
        let arrow = upgraded(&format!("session: async ({{ session }}) => {{\n      {SIGNING}\n    }},")).unwrap();
        assert!(
            arrow.contains("return { ...session, convexToken: await signConvexToken(session.userId) }\n"),
            "{arrow}"
        );
        assert!(arrow.contains("import { signConvexToken } from './app/convexToken'\n"), "{arrow}");
        assert!(!arrow.contains("jose") && !arrow.contains("const SITE"), "{arrow}");
        assert!(upgraded(&format!("async session({{ session }}) {{\n      {SIGNING}\n    }},")).is_some());
    }

    #[test]
    fn anything_else_in_it_makes_it_the_users() {
        for (what, from, to) in [
            ("another statement", "return {", "console.log(token)\n      return {"),
            ("another claim", "{ sub: session.userId }", "{ sub: session.userId, role: 'admin' }"),
            ("another key", "CONVEX_AUTH_PRIVATE_KEY", "MY_KEY"),
            ("more in the session", "convexToken: token }", "convexToken: token, extra: 1 }"),
            ("another jose call", ".setIssuedAt()", ".setNotBefore('1m')"),
        ] {
            let callback = format!("async session({{ session }}) {{\n      {}\n    }},", SIGNING.replace(from, to));
            assert_eq!(upgraded(&callback), None, "{what}");
        }
        let token_param = format!("async session({{ session, token }}) {{\n      {SIGNING}\n    }},");
        assert!(upgraded(&token_param).is_some(), "other parameters the body does not use are fine");
    }
}
