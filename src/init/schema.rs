//! `convex/schema.ts`: the Auth.js tables, spread into the user's `defineSchema({…})` beside
//! their own tables.

use oxc_ast::ast::{Argument, Expression, ObjectPropertyKind, Program};

use super::edit::{self, Container, Style};
use super::file_plan::Missing;
use super::source;
use super::templates::AUTH_TABLE_NAMES;
use super::verdict::Verdict;

const IMPORT: &str = "import { authTables } from \"./authTables\";";
const SPREAD: &str = "...authTables";

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
            format!(
                "// give your {} the fields and indexes of authTables.ts ({}),\n// and add the other Auth.js tables from it beside them",
                clashing.join(", "),
                clashing.iter().map(|t| format!("authTables.{t}")).collect::<Vec<_>>().join(", ")
            ),
        );
    }
    let style = Style::of(text, program);
    let mut inserts = vec![edit::insert_first(text, Container::of_object(tables), SPREAD, SPREAD, &style)];
    if !source::imports_name(program, "authTables") {
        inserts.push(edit::insert_import(program, text, IMPORT, &style));
    }
    Verdict::Insert { inserts, missing: missing(&[]) }
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

/// The table names the object defines, following spreads of objects defined in the file;
/// and whether it spreads our `authTables`.
fn table_names(program: &Program, object: &oxc_ast::ast::ObjectExpression) -> (Vec<String>, bool) {
    let mut names = Vec::new();
    let mut ours = false;
    for property in &object.properties {
        match property {
            ObjectPropertyKind::ObjectProperty(p) => names.extend(p.key.static_name().map(|n| n.to_string())),
            ObjectPropertyKind::SpreadProperty(spread) => {
                if spread.argument.is_specific_id("authTables") && source::imports_name(program, "authTables") {
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
