//! How a file is written, so that what we add reads as if its author had written it: its
//! indentation, quotes, semicolons and line ends, read from the file itself, or for the files
//! we create from the project (its prettier config, else most of its files).

use std::path::Path;

use oxc_ast::ast::{Program, Statement};
use oxc_span::GetSpan;

/// How the file is written, so what we add reads as if its author had written it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Style {
    pub indent: String,
    pub single_quotes: bool,
    pub semicolons: bool,
    /// A comma after the last item of a container laid out over several lines.
    pub trailing_commas: bool,
    pub crlf: bool,
}

impl Default for Style {
    fn default() -> Style {
        Style { indent: "  ".into(), single_quotes: false, semicolons: true, trailing_commas: true, crlf: false }
    }
}

impl Style {
    /// Read from the file: its first indented line, its imports' quotes, its statements' ends.
    pub fn of(text: &str, program: &Program) -> Style {
        let indent = text
            .lines()
            .filter(|line| !line.trim().is_empty() && !line.trim_start().starts_with('*'))
            .map(|line| &line[..line.len() - line.trim_start().len()])
            .find(|lead| !lead.is_empty())
            .map(|lead| if lead.starts_with('\t') { "\t".to_string() } else { lead.to_string() })
            .map(|lead| if lead.len() > 4 && lead != "\t" { "  ".to_string() } else { lead })
            .unwrap_or_else(|| "  ".into());
        // The imports' quotes; a file without imports by the quotes it uses most.
        let single_quotes = program
            .body
            .iter()
            .find_map(|s| match s {
                Statement::ImportDeclaration(import) => {
                    text.get(import.source.span.start as usize..).map(|t| t.starts_with('\''))
                }
                _ => None,
            })
            .unwrap_or_else(|| text.matches('\'').count() > text.matches('"').count());
        let semicolons =
            program.body.iter().find(|s| takes_semicolon(s)).map(|s| text[..s.span().end as usize].ends_with(';'));
        Style {
            indent,
            single_quotes,
            semicolons: semicolons.unwrap_or(true),
            // Not told by a file's text alone (a block ends as a container does); the project's
            // prettier config says, for what init writes (`trailing_commas_in`).
            trailing_commas: true,
            crlf: text.contains("\r\n"),
        }
    }

    /// Our text (two-space indents, double quotes, semicolons) in this style, indented by
    /// `base` (leading whitespace already in the file) after its first line.
    pub fn apply(&self, ours: &str, base: &str) -> String {
        let newline = if self.crlf { "\r\n" } else { "\n" };
        let ours: Vec<&str> = ours.lines().collect();
        let closes = |n: usize| ours.get(n + 1).is_some_and(|next| next.trim_start().starts_with(['}', ']', ')']));
        let lines: Vec<String> = ours
            .iter()
            .enumerate()
            .map(|(n, line)| {
                let body = line.trim_start_matches(' ');
                let depth = (line.len() - body.len()) / 2;
                let mut body = if self.single_quotes { single_quoted(body) } else { body.to_string() };
                let comment = body.trim_start().starts_with("//");
                if !self.semicolons && body.ends_with(';') && !comment {
                    body.pop();
                }
                if !self.trailing_commas && body.ends_with(',') && !comment && closes(n) {
                    body.pop();
                }
                if body.is_empty() {
                    String::new()
                } else if n == 0 {
                    format!("{}{body}", self.indent.repeat(depth))
                } else {
                    format!("{base}{}{body}", self.indent.repeat(depth))
                }
            })
            .collect();
        lines.join(newline)
    }

    pub fn newline(&self) -> &'static str {
        if self.crlf { "\r\n" } else { "\n" }
    }

    /// The style for the files we create: the project's prettier config (`.prettierrc`,
    /// `.prettierrc.json`, package.json's `prettier`), else what most of its source files do.
    pub fn of_project(root: &Path, sources: &crate::source_files::Sources) -> Style {
        if let Some(config) = prettier(root) {
            let flag = |name: &str, default: bool| config.get(name).and_then(|v| v.as_bool()).unwrap_or(default);
            let width = config.get("tabWidth").and_then(|v| v.as_u64()).unwrap_or(2).clamp(1, 8) as usize;
            let indent = if flag("useTabs", false) { "\t".to_string() } else { " ".repeat(width) };
            return Style {
                indent,
                single_quotes: flag("singleQuote", false),
                semicolons: flag("semi", true),
                // Prettier 3 puts them everywhere unless told "none".
                trailing_commas: config.get("trailingComma").and_then(|v| v.as_str()) != Some("none"),
                crlf: false,
            };
        }
        let styles: Vec<Style> = sources
            .files()
            .filter(|file| file.path.extension().is_some_and(|e| e == "ts" || e == "tsx"))
            .take(100)
            .filter_map(|file| {
                let text = file.text()?;
                super::source::parse(file.path, text, |program| Style::of(text, program)).ok()
            })
            .collect();
        if styles.is_empty() {
            return Style::default();
        }
        let most = |yes: usize| yes * 2 > styles.len();
        let mut indents: Vec<&str> = styles.iter().map(|s| s.indent.as_str()).collect();
        indents.sort_unstable();
        let indent = indents.chunk_by(|a, b| a == b).max_by_key(|run| run.len()).map_or("  ", |run| run[0]);
        Style {
            indent: indent.to_string(),
            single_quotes: most(styles.iter().filter(|s| s.single_quotes).count()),
            semicolons: !most(styles.iter().filter(|s| !s.semicolons).count()),
            // Only a prettier config says (`Style::of`).
            trailing_commas: true,
            crlf: most(styles.iter().filter(|s| s.crlf).count()),
        }
    }

    /// A whole file of ours in this style, kept as ours wherever the restyled text would not be
    /// the same program (a line a dropped semicolon would join to the next, say).
    pub fn restyle(&self, path: &Path, ours: &str) -> String {
        // JSX's whitespace is text: where the project's indentation would change it, the
        // quotes and semicolons alone.
        let ours_indent = Style { indent: "  ".into(), ..self.clone() };
        for style in [self, &ours_indent] {
            if *style == Style::default() {
                break;
            }
            let mut styled = style.apply(ours, "");
            if ours.ends_with('\n') {
                styled.push_str(style.newline());
            }
            if super::source::same_program(path, ours, &styled) {
                return styled;
            }
        }
        ours.to_string()
    }
}

/// Whether the project's prettier config keeps trailing commas (prettier 3's default, unless
/// `trailingComma` is `"none"`).
pub fn trailing_commas_in(root: &Path) -> bool {
    prettier(root).is_none_or(|config| config.get("trailingComma").and_then(|v| v.as_str()) != Some("none"))
}

/// The project's prettier options, when it has a config we can read: JSON, or the plain
/// `key: value` lines of a YAML `.prettierrc`.
fn prettier(root: &Path) -> Option<serde_json::Map<String, serde_json::Value>> {
    for name in [".prettierrc", ".prettierrc.json"] {
        let Ok(text) = std::fs::read_to_string(root.join(name)) else { continue };
        if let Ok(serde_json::Value::Object(config)) = serde_json::from_str(&text) {
            return Some(config);
        }
        let pairs = text.lines().filter_map(|line| {
            let (key, value) = line.split_once(':')?;
            let value = value.trim().trim_matches(['"', '\'']);
            let value = match value {
                "true" => serde_json::Value::Bool(true),
                "false" => serde_json::Value::Bool(false),
                other => match other.parse::<u64>() {
                    Ok(number) => serde_json::Value::from(number),
                    Err(_) => serde_json::Value::from(other),
                },
            };
            Some((key.trim().to_string(), value))
        });
        return Some(pairs.collect());
    }
    let package: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("package.json")).ok()?).ok()?;
    package.get("prettier")?.as_object().cloned()
}

/// `"…"` strings as `'…'`, where the string has no `'` in it; comments and template literals
/// are left as they are.
fn single_quoted(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find(['"', '`', '/']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if tail.starts_with("//") {
            out.push_str(tail);
            return out;
        }
        let quote = tail.chars().next().unwrap_or('"');
        if quote == '/' {
            out.push('/');
            rest = &tail[1..];
            continue;
        }
        match tail[1..].find(quote) {
            Some(end) => {
                let inner = &tail[1..=end];
                if quote == '"' && !inner.contains('\'') {
                    out.push('\'');
                    out.push_str(inner);
                    out.push('\'');
                } else {
                    out.push_str(&tail[..end + 2]);
                }
                rest = &tail[end + 2..];
            }
            None => {
                out.push_str(tail);
                return out;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether a top-level statement ends with a semicolon where the file writes them: a function
/// or class declaration ends with its `}` in every style.
fn takes_semicolon(statement: &Statement) -> bool {
    use oxc_ast::ast::{Declaration, ExportDefaultDeclarationKind};
    let declaration =
        |d: &Declaration| matches!(d, Declaration::VariableDeclaration(_) | Declaration::TSTypeAliasDeclaration(_));
    match statement {
        Statement::ImportDeclaration(_)
        | Statement::VariableDeclaration(_)
        | Statement::ExpressionStatement(_)
        | Statement::ExportAllDeclaration(_)
        | Statement::TSTypeAliasDeclaration(_) => true,
        Statement::ExportNamedDeclaration(export) => export.declaration.as_ref().is_none_or(declaration),
        Statement::ExportDefaultDeclaration(export) => !matches!(
            export.declaration,
            ExportDefaultDeclarationKind::FunctionDeclaration(_)
                | ExportDefaultDeclarationKind::ClassDeclaration(_)
                | ExportDefaultDeclarationKind::TSInterfaceDeclaration(_)
        ),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::init::source::parse;

    fn style_of(text: &str) -> Style {
        parse(Path::new("x.ts"), text, |program| Style::of(text, program)).unwrap()
    }

    #[test]
    fn style_is_read_from_the_file() {
        let style = style_of("import { a } from 'a'\n\nfunction f() {\n    return 1\n}\n");
        assert_eq!(
            style,
            Style { indent: "    ".into(), single_quotes: true, semicolons: false, trailing_commas: true, crlf: false }
        );
        let style = style_of("import { a } from \"a\";\r\nif (a) {\r\n\tb();\r\n}\r\n");
        assert_eq!(
            style,
            Style { indent: "\t".into(), single_quotes: false, semicolons: true, trailing_commas: true, crlf: true }
        );
        // A layout that opens with its component: the statements inside say.
        let layout = "export default function RootLayout({ children }) {\n  return <main>{children}</main>;\n}\nexport const x = 1;\n";
        assert!(parse(Path::new("x.tsx"), layout, |program| Style::of(layout, program)).unwrap().semicolons);
    }

    #[test]
    fn our_text_takes_the_file_style() {
        let style =
            Style { indent: "\t".into(), single_quotes: true, semicolons: false, trailing_commas: true, crlf: false };
        let ours = "http.route({\n  path: \"/a\",\n  note: \"it's\",\n  // a \"comment\"\n  t: `${x}\"`,\n});";
        assert_eq!(
            style.apply(ours, ">"),
            "http.route({\n>\tpath: '/a',\n>\tnote: \"it's\",\n>\t// a \"comment\"\n>\tt: `${x}\"`,\n>})"
        );
    }
}
