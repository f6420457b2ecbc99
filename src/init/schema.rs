//! `convex/schema.ts`: the Auth.js tables, spread into the user's `defineSchema({…})` beside
//! their own tables.

use oxc_ast::ast::{Argument, Expression, ObjectPropertyKind, Program};

use super::edit::{self, Container};
use super::file_plan::Missing;
use super::source;
use super::style::Style;
use super::templates::AUTH_TABLE_NAMES;
use super::verdict::Verdict;

const IMPORT: &str = "import { authTables } from \"./authTables\";";
const SPREAD: &str = "...authTables";
/// The same under another name, where the file already has an `authTables` of its own (a local
/// one, or Convex Auth's): a second binding of the name would not compile.
const IMPORT_AS: &str = "import { authTables as authJsTables } from \"./authTables\";";
const SPREAD_AS: &str = "...authJsTables";

pub fn read(text: &str, program: &Program) -> Verdict {
    let Some(tables) = schema_object(program) else {
        return Verdict::manual(
            missing(&[]),
            "it has no `export default defineSchema({ … })` we can read",
            format!("{IMPORT}\n\n// first, inside defineSchema({{ … }}):\n  {SPREAD},"),
        );
    };
    let (names, spreads_ours) = table_names(program, tables);
    if spreads_ours || AUTH_TABLE_NAMES.iter().all(|t| names.iter().any(|n| n == t)) {
        return Verdict::Present;
    }
    let clashing: Vec<&str> = AUTH_TABLE_NAMES.iter().copied().filter(|t| names.iter().any(|n| n == t)).collect();
    if !clashing.is_empty() {
        return Verdict::manual(
            missing(&clashing),
            &format!(
                "it already has its own {} table{}, which Auth.js needs too",
                clashing.join(", "),
                if clashing.len() == 1 { "" } else { "s" }
            ),
            clash_lines(&clashing),
        );
    }
    let style = Style::of(text, program);
    let taken = source::imports_name(program, "authTables") || source::const_value(program, "authTables").is_some();
    let (import, spread) = match (imports_ours(program, "authTables"), taken) {
        (true, _) => (None, SPREAD),
        (false, true) => (Some(IMPORT_AS), SPREAD_AS),
        (false, false) => (Some(IMPORT), SPREAD),
    };
    let mut inserts = vec![edit::insert_first(text, Container::of_object(tables), spread, spread, &style)];
    inserts.extend(import.map(|import| edit::insert_import(program, text, import, &style)));
    Verdict::Insert { inserts, missing: missing(&[]) }
}

/// What each Auth.js table needs, as `authTables.ts` defines it: its fields and its indexes
/// (a test keeps this beside the template).
const NEEDS: [(&str, &str, &str); 5] = [
    (
        "users",
        "email: v.string(), name: v.optional(v.string()), emailVerified: v.optional(v.number()), image: v.optional(v.string())",
        ".index(\"email\", [\"email\"])",
    ),
    (
        "sessions",
        "userId: v.id(\"users\"), expires: v.number(), sessionToken: v.string()",
        ".index(\"sessionToken\", [\"sessionToken\"]).index(\"userId\", [\"userId\"])",
    ),
    (
        "accounts",
        "the fields of accountFields in authTables.ts (userId, type, provider, providerAccountId and the optional token fields)",
        ".index(\"providerAndAccountId\", [\"provider\", \"providerAccountId\"]).index(\"userId\", [\"userId\"])",
    ),
    (
        "verificationTokens",
        "identifier: v.string(), token: v.string(), expires: v.number()",
        ".index(\"identifierToken\", [\"identifier\", \"token\"])",
    ),
    (
        "authenticators",
        "the fields of authenticatorFields in authTables.ts (credentialID, userId, providerAccountId, credentialPublicKey, counter, credentialDeviceType, credentialBackedUp, transports)",
        ".index(\"userId\", [\"userId\"]).index(\"credentialID\", [\"credentialID\"])",
    ),
];

/// The lines for a schema whose own tables have Auth.js's names: the exact fields and indexes
/// to give them, and the other tables to add beside them.
fn clash_lines(clashing: &[&str]) -> String {
    let mut lines = Vec::new();
    for (table, fields, indexes) in NEEDS.iter().filter(|(t, ..)| clashing.contains(t)) {
        lines.push(format!("// your {table} table needs: {fields}; and {indexes}"));
    }
    let others: Vec<String> =
        NEEDS.iter().filter(|(t, ..)| !clashing.contains(t)).map(|(t, ..)| format!("  {t}: authTables.{t},")).collect();
    lines.push(format!("{IMPORT}\n// beside them, inside defineSchema({{ … }}):"));
    lines.extend(others);
    lines.join("\n")
}

fn missing(present: &[&str]) -> Vec<Missing> {
    AUTH_TABLE_NAMES.iter().filter(|t| !present.contains(t)).map(|t| Missing::Table(t)).collect()
}

/// The object passed to `defineSchema`, in `export default defineSchema({…})` or through a
/// `const schema = defineSchema({…})`.
fn schema_object<'p, 'a>(program: &'p Program<'a>) -> Option<&'p oxc_ast::ast::ObjectExpression<'a>> {
    let (value, _) = source::default_export(program)?;
    let Expression::CallExpression(call) = source::resolve(program, value) else { return None };
    if !call.callee.is_specific_id("defineSchema") {
        return None;
    }
    match call.arguments.first()? {
        Argument::ObjectExpression(object) => Some(object),
        argument => match argument.as_expression().map(|e| source::resolve(program, e)) {
            Some(Expression::ObjectExpression(object)) => Some(object),
            _ => None,
        },
    }
}

/// Whether `name` is bound by an import of our `authTables.ts` (Convex Auth's `authTables`,
/// from `@convex-dev/auth/server`, has other tables under the same name).
fn imports_ours(program: &Program, name: &str) -> bool {
    source::imports(program).iter().any(|import| {
        import.locals.iter().any(|local| local == name)
            && import.source.starts_with('.')
            && import.source.trim_end_matches(".ts").trim_end_matches(".js").ends_with("authTables")
    })
}

/// The table names the object defines, following spreads of objects defined in the file;
/// and whether it spreads our `authTables`.
fn table_names(program: &Program, object: &oxc_ast::ast::ObjectExpression) -> (Vec<String>, bool) {
    let mut names = Vec::new();
    let mut ours = false;
    for property in &object.properties {
        match property {
            ObjectPropertyKind::ObjectProperty(p) => names.extend(p.key.static_name().map(|n| n.to_string())),
            ObjectPropertyKind::SpreadProperty(spread) => {
                let spread_name = match &spread.argument {
                    Expression::Identifier(id) => Some(id.name.as_str()),
                    _ => None,
                };
                if spread_name.is_some_and(|name| imports_ours(program, name)) {
                    ours = true;
                } else if let Expression::ObjectExpression(inner) = source::resolve(program, &spread.argument) {
                    let (more, _) = table_names(program, inner);
                    names.extend(more);
                }
            }
        }
    }
    (names, ours)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::init::verdict::judged;

    fn run(text: &str) -> (Verdict, String) {
        judged("schema.ts", text, read)
    }

    #[test]
    fn what_a_clashing_table_needs_matches_the_template() {
        let template = include_str!("templates/authTables.ts");
        assert_eq!(NEEDS.map(|(t, ..)| t), AUTH_TABLE_NAMES);
        for (table, fields, indexes) in NEEDS {
            for index in indexes.split(".index(").skip(1) {
                let name = index.split('"').nth(1).unwrap();
                assert!(template.contains(&format!("\"{name}\"")), "{table}: index {name}");
            }
            for field in fields.split(", ").filter_map(|f| f.split_once(':')).map(|(name, _)| name) {
                assert!(template.contains(&format!("  {field}:")), "{table}: field {field}");
            }
        }
        let lines = clash_lines(&["users"]);
        assert!(lines.contains("your users table needs: email: v.string()"), "{lines}");
        assert!(
            lines.contains("  sessions: authTables.sessions,") && !lines.contains("users: authTables.users"),
            "{lines}"
        );
    }

    #[test]
    fn an_auth_tables_that_is_not_ours_is_not_taken_for_ours_and_ours_comes_under_another_name() {
        let convex_auth = "import { defineSchema } from \"convex/server\";\nimport { authTables } from \"@convex-dev/auth/server\";\n\nexport default defineSchema({ ...authTables });\n";
        let local = "import { defineSchema, defineTable } from \"convex/server\";\n\nconst authTables = { logins: defineTable({}) };\n\nexport default defineSchema({ ...authTables });\n";
        for text in [convex_auth, local] {
            let (verdict, after) = run(text);
            assert_ne!(verdict, Verdict::Present, "{text}");
            assert!(after.contains("import { authTables as authJsTables } from \"./authTables\";"), "{after}");
            assert!(after.contains("...authJsTables,"), "{after}");
            assert_eq!(run(&after).0, Verdict::Present, "a second run finds ours: {after}");
        }
    }

    #[test]
    fn the_tables_go_first_into_the_users_schema() {
        let text = "import { defineSchema, defineTable } from 'convex/server'\nimport { v } from 'convex/values'\n\nexport default defineSchema({\n    messages: defineTable({ body: v.string() }),\n})\n";
        let (_, after) = run(text);
        assert_eq!(
            after,
            "import { defineSchema, defineTable } from 'convex/server'\nimport { v } from 'convex/values'\nimport { authTables } from './authTables'\n\nexport default defineSchema({\n    ...authTables,\n    messages: defineTable({ body: v.string() }),\n})\n"
        );
        assert_eq!(run(&after).0, Verdict::Present);
    }

    #[test]
    fn tables_already_there_count_by_name() {
        let guide = "const authTables = { users: a, sessions: b, accounts: c, verificationTokens: d, authenticators: e };\nexport default defineSchema({ ...authTables, posts: f });";
        assert_eq!(run(guide).0, Verdict::Present);
        let through_const = "const schema = defineSchema({ users: a, sessions: b, accounts: c, verificationTokens: d, \"authenticators\": e }, { schemaValidation: true });\nexport default schema;";
        assert_eq!(run(through_const).0, Verdict::Present);
    }

    #[test]
    fn a_users_table_of_their_own_is_left_to_them() {
        let (verdict, after) = run("export default defineSchema({ users: defineTable({ name: v.string() }) });\n");
        let Verdict::Manual { reason, missing, .. } = verdict else { panic!("{verdict:?}") };
        assert!(reason.contains("its own users table"), "{reason}");
        assert_eq!(missing, ["sessions", "accounts", "verificationTokens", "authenticators"].map(Missing::Table));
        assert_eq!(after, "export default defineSchema({ users: defineTable({ name: v.string() }) });\n");
    }

    #[test]
    fn a_schema_we_cannot_read_is_manual() {
        let (verdict, _) = run("import schema from './other';\nexport default schema;\n");
        assert!(matches!(verdict, Verdict::Manual { .. }), "{verdict:?}");
    }
}
