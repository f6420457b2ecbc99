//! The plan for the Convex folder: the tables, the schema, the adapter's functions, the routes
//! and the auth config, file by file.

use std::path::Path;

use super::file_plan::{FileAction, FilePlan, InitError};
use super::planned::{merged, owned};
use super::{ADAPTER_MODULE, auth_config, router, schema, source, templates};

/// The plan for the Convex folder alone, file by file. Doctor reads it too.
#[derive(Debug)]
pub struct ConvexPlan {
    /// `authTables.ts`: the tables, imported by the schema.
    pub tables: FilePlan,
    pub schema: FilePlan,
    /// The adapter's functions, in `<adapter_module>.ts`.
    pub adapter: FilePlan,
    /// `http.ts`, with the `/.well-known` routes.
    pub routes: FilePlan,
    /// `auth.config.ts`, with the provider for this app's tokens.
    pub provider: FilePlan,
}

impl ConvexPlan {
    pub fn into_files(self) -> [FilePlan; 5] {
        [self.tables, self.schema, self.adapter, self.routes, self.provider]
    }
}

pub fn convex_plan(
    root: &Path,
    convex: &Path,
    adapter_module: &str,
    explicit_table_ids: bool,
) -> Result<ConvexPlan, InitError> {
    Ok(ConvexPlan {
        tables: owned(root, convex.join("authTables.ts"), templates::AUTH_TABLES.into(), &["authTables"])?,
        schema: merged(root, convex, "schema", schema_template(root, convex), schema::read)?,
        adapter: owned(
            root,
            convex.join(format!("{adapter_module}.ts")),
            templates::auth_adapter(explicit_table_ids),
            &templates::ADAPTER_FUNCTIONS,
        )?,
        routes: merged(root, convex, "http", templates::http(), router::read)?,
        provider: merged(root, convex, "auth.config", templates::auth_config(), auth_config::read)?,
    })
}

/// The schema we create. In a Convex folder that already has functions of its own (and so
/// tables no schema names), the table names stay loose as they were: a schema naming only
/// Auth.js's tables would make every other table's queries fail to typecheck.
fn schema_template(root: &Path, convex: &Path) -> String {
    let ours = ["authTables", "authAdapter", "http", "auth.config", "crons"];
    let has_functions = std::fs::read_dir(root.join(convex)).into_iter().flatten().flatten().any(|entry| {
        let path = entry.path();
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let source = path.extension().and_then(|e| e.to_str()).is_some_and(|e| ["ts", "js"].contains(&e));
        path.is_file() && source && !ours.contains(&stem) && !stem.ends_with(".d")
    });
    if has_functions {
        templates::SCHEMA.replace("  ...authTables,\n});", "  ...authTables,\n}, { strictTableNameTypes: false });")
    } else {
        templates::SCHEMA.into()
    }
}

/// The Convex folder's files as the plan has them. The tables file only for a module that
/// imports it: a schema that keeps its own tables beside an adapter of the user's (the setup
/// guide's) has no use for a new one.
pub(super) fn files(root: &Path, convex: &Path, explicit_table_ids: bool) -> Result<Vec<FilePlan>, InitError> {
    let convex_files = convex_plan(root, convex, ADAPTER_MODULE, explicit_table_ids)?;
    let unused_tables = convex_files.tables.action == FileAction::Create
        && ![&convex_files.schema, &convex_files.adapter].iter().any(|f| imports_module(f, "authTables"));
    let tables = convex_files.tables.path.clone();
    let mut files = Vec::from(convex_files.into_files());
    files.retain(|f| !(unused_tables && f.path == tables));
    Ok(files)
}

/// Whether the file, as the plan leaves it, imports the module of ours named `stem` (`./authTables`).
fn imports_module(file: &FilePlan, stem: &str) -> bool {
    let text = file.after.as_deref().unwrap_or(&file.file.text);
    text.contains(stem)
        && source::parse(&file.path, text, |program| {
            source::imports(program).iter().any(|i| i.source.rsplit('/').next() == Some(stem))
        })
        .unwrap_or(false)
}
