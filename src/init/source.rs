//! Reading the user's TypeScript with a real parser (oxc). Every reading is by meaning (a
//! table's name, a route's path, what a value refers to), never by the exact text.

use std::borrow::Cow;
use std::path::Path;

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    CallExpression, Declaration, ExportDefaultDeclarationKind, Expression, ImportDeclarationSpecifier,
    ModuleExportName, ObjectExpression, ObjectPropertyKind, Program, Statement, VariableDeclarator,
};
use oxc_parser::Parser;
use oxc_span::SourceType;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct SyntaxError {
    pub line: usize,
    pub message: String,
}

/// How deep brackets may nest before a file is refused: far past any real source file, far
/// short of what the parser's recursion could not take.
pub const MAX_NESTING: usize = 256;
/// The parser recurses as deep as the file nests (and on a run of prefix operators, `!!!…`):
/// it runs on a thread of its own with this much stack, so a hostile file is an error, never a
/// crash of the process.
const PARSER_STACK: usize = 256 << 20;

/// Parses `text` as the kind of file `path` names (`.ts`, `.tsx`, `.js`, …) and reads it.
pub fn parse<T: Send>(path: &Path, text: &str, read: impl FnOnce(&Program) -> T + Send) -> Result<T, SyntaxError> {
    if let Some(line) = too_deep(text) {
        return Err(SyntaxError {
            line,
            message: format!("brackets nest more than {MAX_NESTING} deep here, which no source file of an app needs"),
        });
    }
    std::thread::scope(|scope| {
        let parse = || parse_here(path, text, read);
        let thread = std::thread::Builder::new().name("parser".into()).stack_size(PARSER_STACK);
        match thread.spawn_scoped(scope, parse) {
            Ok(parsing) => parsing
                .join()
                .unwrap_or_else(|_| Err(SyntaxError { line: 1, message: "the parser failed on this file".into() })),
            // No thread to be had (a process limit): say so rather than risk this stack.
            Err(_) => Err(SyntaxError { line: 1, message: "no thread could be started to read this file".into() }),
        }
    })
}

fn parse_here<T>(path: &Path, text: &str, read: impl FnOnce(&Program) -> T) -> Result<T, SyntaxError> {
    let allocator = Allocator::default();
    let source_type = SourceType::from_path(path).unwrap_or_else(|_| SourceType::tsx());
    let parsed = Parser::new(&allocator, text, source_type).parse();
    if let Some(error) = parsed.errors.first() {
        let at = error.labels.as_ref().and_then(|labels| labels.first()).map_or(0, |label| label.offset());
        let line = text[..at.min(text.len())].matches('\n').count() + 1;
        return Err(SyntaxError { line, message: error.message.to_string() });
    }
    if parsed.panicked {
        return Err(SyntaxError { line: 1, message: "the parser gave up on this file".into() });
    }
    Ok(read(&parsed.program))
}

/// Whether `a` and `b` are the same program: their syntax trees equal, whatever their spans,
/// comments, quotes and semicolons (what a restyling may change, and nothing else).
pub fn same_program(path: &Path, a: &str, b: &str) -> bool {
    use oxc_span::ContentEq;
    parse(path, a, |first| parse_here(path, b, |second| first.content_eq(second)).unwrap_or(false)).unwrap_or(false)
}

/// The line where brackets first nest past [`MAX_NESTING`], outside strings and comments.
fn too_deep(text: &str) -> Option<usize> {
    let (mut depth, mut line) = (0usize, 1usize);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => line += 1,
            '(' | '[' | '{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(line);
                }
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            '"' | '\'' | '`' => {
                while let Some(inner) = chars.next() {
                    match inner {
                        '\\' => {
                            chars.next();
                        }
                        '\n' => line += 1,
                        q if q == c => break,
                        _ => {}
                    }
                }
            }
            '/' if chars.peek() == Some(&'/') => {
                for inner in chars.by_ref() {
                    if inner == '\n' {
                        line += 1;
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                let mut last = ' ';
                for inner in chars.by_ref() {
                    if inner == '\n' {
                        line += 1;
                    }
                    if last == '*' && inner == '/' {
                        break;
                    }
                    last = inner;
                }
            }
            _ => {}
        }
    }
    None
}

/// One `import … from "source"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    pub source: String,
    /// The names it binds in this file.
    pub locals: Vec<String>,
    /// Where the statement ends (after its `;`, if it has one).
    pub end: usize,
}

pub fn imports(program: &Program) -> Vec<Import> {
    program
        .body
        .iter()
        .filter_map(|statement| match statement {
            Statement::ImportDeclaration(import) => Some(Import {
                source: import.source.value.to_string(),
                locals: import.specifiers.iter().flatten().map(|s| local_name(s).to_string()).collect(),
                end: import.span.end as usize,
            }),
            _ => None,
        })
        .collect()
}

fn local_name<'a>(specifier: &ImportDeclarationSpecifier<'a>) -> &'a str {
    match specifier {
        ImportDeclarationSpecifier::ImportSpecifier(s) => s.local.name.as_str(),
        ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => s.local.name.as_str(),
        ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => s.local.name.as_str(),
    }
}

/// Whether the file binds `name` by an import.
pub fn imports_name(program: &Program, name: &str) -> bool {
    imports(program).iter().any(|import| import.locals.iter().any(|local| local == name))
}

/// The names the file exports (`default` for its default export).
pub fn exported_names(program: &Program) -> Vec<String> {
    let mut names = Vec::new();
    for statement in &program.body {
        match statement {
            Statement::ExportDefaultDeclaration(_) => names.push("default".to_string()),
            Statement::ExportNamedDeclaration(export) => {
                match &export.declaration {
                    Some(Declaration::VariableDeclaration(declaration)) => {
                        for declarator in &declaration.declarations {
                            names.extend(declarator.id.get_binding_identifiers().iter().map(|id| id.name.to_string()));
                        }
                    }
                    Some(Declaration::FunctionDeclaration(function)) => {
                        names.extend(function.id.as_ref().map(|id| id.name.to_string()));
                    }
                    Some(Declaration::ClassDeclaration(class)) => {
                        names.extend(class.id.as_ref().map(|id| id.name.to_string()));
                    }
                    _ => {}
                }
                names.extend(export.specifiers.iter().map(|s| export_name(&s.exported).into_owned()));
            }
            _ => {}
        }
    }
    names
}

fn export_name<'a>(name: &ModuleExportName<'a>) -> Cow<'a, str> {
    match name {
        ModuleExportName::IdentifierName(id) => Cow::Borrowed(id.name.as_str()),
        ModuleExportName::IdentifierReference(id) => Cow::Borrowed(id.name.as_str()),
        ModuleExportName::StringLiteral(s) => Cow::Borrowed(s.value.as_str()),
    }
}

/// Whether a top-level statement calls the default import of `module` (`NextAuth({ … })` from
/// `import NextAuth from "next-auth"`): in a `const`, an exported one, or `export default`.
pub fn calls_default_import(program: &Program, module: &str) -> bool {
    default_import_call(program, module).is_some()
}

/// The first argument of that call, resolved (`NextAuth(config)` with `const config = { … }`
/// gives the object).
pub fn default_import_call_argument<'p, 'a>(program: &'p Program<'a>, module: &str) -> Option<&'p Expression<'a>> {
    let call = default_import_call(program, module)?;
    call.arguments.first().and_then(|a| a.as_expression()).map(|a| resolve(program, a))
}

fn default_import_call<'p, 'a>(program: &'p Program<'a>, module: &str) -> Option<&'p CallExpression<'a>> {
    let local = program.body.iter().find_map(|statement| match statement {
        Statement::ImportDeclaration(import) if import.source.value == module => {
            import.specifiers.iter().flatten().find_map(|s| match s {
                ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => Some(s.local.name.as_str()),
                _ => None,
            })
        }
        _ => None,
    })?;
    let call = |expression: &'p Expression<'a>| match expression.get_inner_expression() {
        Expression::CallExpression(call) if matches!(&call.callee, Expression::Identifier(id) if id.name == local) => {
            Some(&**call)
        }
        _ => None,
    };
    let default = program.body.iter().find_map(|statement| match statement {
        Statement::ExportDefaultDeclaration(export) => export.declaration.as_expression().and_then(call),
        _ => None,
    });
    default.or_else(|| declarators(program).find_map(|v| v.init.as_ref().and_then(call)))
}

/// Whether the JSX element is `<name …>`.
pub fn jsx_named(element: &oxc_ast::ast::JSXElement, name: &str) -> bool {
    match &element.opening_element.name {
        oxc_ast::ast::JSXElementName::IdentifierReference(id) => id.name == name,
        oxc_ast::ast::JSXElementName::Identifier(id) => id.name == name,
        _ => false,
    }
}

/// Whether the file imports `name` from `module`.
pub fn imports_from(program: &Program, module: &str, name: &str) -> bool {
    imports(program).iter().any(|import| import.source == module && import.locals.iter().any(|l| l == name))
}

/// The top-level statement `export default …`, with the span of the statement.
pub fn default_export<'p, 'a>(program: &'p Program<'a>) -> Option<(&'p Expression<'a>, usize)> {
    program.body.iter().find_map(|statement| match statement {
        Statement::ExportDefaultDeclaration(export) => match &export.declaration {
            ExportDefaultDeclarationKind::FunctionDeclaration(_)
            | ExportDefaultDeclarationKind::ClassDeclaration(_)
            | ExportDefaultDeclarationKind::TSInterfaceDeclaration(_) => None,
            kind => kind.as_expression().map(|e| (e, export.span.start as usize)),
        },
        _ => None,
    })
}

/// What an expression stands for: `(x as T)`, `x satisfies T` and a top-level `const x = …`
/// all lead to the value itself.
pub fn resolve<'p, 'a>(program: &'p Program<'a>, expression: &'p Expression<'a>) -> &'p Expression<'a> {
    let inner = expression.get_inner_expression();
    match inner {
        Expression::Identifier(id) => const_value(program, &id.name).map_or(inner, |e| e.get_inner_expression()),
        _ => inner,
    }
}

/// The value of a top-level `const name = …` (exported or not).
pub fn const_value<'p, 'a>(program: &'p Program<'a>, name: &str) -> Option<&'p Expression<'a>> {
    declarators(program).find_map(|declarator| {
        let bound = declarator.id.get_binding_identifier().is_some_and(|id| id.name == name);
        if bound { declarator.init.as_ref() } else { None }
    })
}

/// Every top-level `const`/`let`/`var` binding, exported or not.
fn declarators<'p, 'a>(program: &'p Program<'a>) -> impl Iterator<Item = &'p VariableDeclarator<'a>> {
    program
        .body
        .iter()
        .filter_map(|statement| match statement {
            Statement::VariableDeclaration(d) => Some(&**d),
            Statement::ExportNamedDeclaration(export) => match &export.declaration {
                Some(Declaration::VariableDeclaration(d)) => Some(&**d),
                _ => None,
            },
            _ => None,
        })
        .flat_map(|declaration| declaration.declarations.iter())
}

/// `process.env.NAME` (or `process.env["NAME"]`).
pub fn is_env(expression: &Expression, name: &str) -> bool {
    let inner = expression.get_inner_expression();
    inner.is_member_expression() && {
        let member = inner.to_member_expression();
        member.static_property_name().is_some_and(|p| p == name)
            && member.object().is_specific_member_access("process", "env")
    }
}

/// The value of the object's property `name`, when it is written out (`name: …`).
pub fn property<'p, 'a>(object: &'p ObjectExpression<'a>, name: &str) -> Option<&'p Expression<'a>> {
    object.properties.iter().find_map(|p| match p {
        ObjectPropertyKind::ObjectProperty(p) if p.key.static_name().is_some_and(|k| k == name) => Some(&p.value),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn hostile_nesting_is_an_error_not_a_crash() {
        let path = Path::new("schema.ts");
        let deep = format!("export default {}1{};", "(".repeat(4000), ")".repeat(4000));
        let error = parse(path, &deep, |_| ()).unwrap_err();
        assert!(error.message.contains("nest more than 256 deep"), "{error}");
        // Brackets inside strings and comments are text, not nesting.
        let quoted = format!("const a = \"{}\"; // {}\nexport default a;", "(".repeat(4000), "[".repeat(4000));
        assert!(parse(path, &quoted, |_| ()).is_ok());
        // A long run of prefix operators recurses in the parser too: its own large stack takes it.
        let bangs = format!("export default {}true;", "!".repeat(50_000));
        assert!(parse(path, &bangs, |_| ()).is_ok());
    }

    use super::*;

    #[test]
    fn syntax_errors_name_their_line() {
        let error = parse(Path::new("x.ts"), "const a = 1;\nconst = ;\n", |_| ()).unwrap_err();
        assert_eq!(error.line, 2);
    }

    #[test]
    fn readings_follow_meaning() {
        let text = "const config = { providers: [{ domain: process.env[\"CONVEX_SITE_URL\"] }] };\nexport default config satisfies X;\nexport const a = 1, b = 2;\nexport function c() {}\n";
        parse(Path::new("x.ts"), text, |program| {
            let (value, _) = default_export(program).unwrap();
            let Expression::ObjectExpression(object) = resolve(program, value) else { panic!() };
            let Some(Expression::ArrayExpression(providers)) = property(object, "providers") else { panic!() };
            let Some(Expression::ObjectExpression(provider)) = providers.elements[0].as_expression() else { panic!() };
            assert!(is_env(property(provider, "domain").unwrap(), "CONVEX_SITE_URL"));
            assert_eq!(exported_names(program), ["default", "a", "b", "c"]);
        })
        .unwrap();
    }
}
