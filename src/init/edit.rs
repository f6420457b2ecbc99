//! Inserting our text into the user's file. Every edit is an insertion: the user's bytes stay,
//! in their order. What the text looks like is the file's own style (`style.rs`).

use oxc_ast::ast::{ArrayExpression, ObjectExpression, Program};
use oxc_span::GetSpan;

use super::source::imports;
use super::style::Style;

/// A `{…}` or `[…]` to insert an item into: where it opens, its first item, where it closes.
#[derive(Debug, Clone, Copy)]
pub struct Container {
    pub open: usize,
    pub first: Option<usize>,
    pub close: usize,
}

impl Container {
    pub fn of_object(object: &ObjectExpression) -> Container {
        Container {
            open: object.span.start as usize,
            first: object.properties.first().map(|p| p.span().start as usize),
            close: object.span.end as usize - 1,
        }
    }

    pub fn of_array(array: &ArrayExpression) -> Container {
        Container {
            open: array.span.start as usize,
            first: array.elements.first().map(|e| e.span().start as usize),
            close: array.span.end as usize - 1,
        }
    }
}

/// Text to put at a byte offset of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Insert {
    pub at: usize,
    pub text: String,
}

/// The insertions without the commas of ours that would come last in their container: each
/// one that only whitespace separates from a closing bracket, in our text or the file's after it.
pub fn without_trailing_commas(text: &str, inserts: Vec<Insert>) -> Vec<Insert> {
    inserts
        .into_iter()
        .map(|insert| {
            let after = &text[insert.at..];
            let ours = &insert.text;
            let mut kept = String::with_capacity(ours.len());
            // The quote of the string we are in, and whether the last character escaped this one.
            let (mut quote, mut escaped) = (None, false);
            for (i, c) in ours.char_indices() {
                match quote {
                    Some(_) if escaped => escaped = false,
                    Some(_) if c == '\\' => escaped = true,
                    Some(q) if c == q => quote = None,
                    Some(_) => {}
                    None if matches!(c, '"' | '\'' | '`') => quote = Some(c),
                    None if c == ',' => {
                        let rest = ours[i + 1..].trim_start();
                        let next = if rest.is_empty() { after.trim_start() } else { rest };
                        if next.starts_with(['}', ']', ')']) {
                            continue;
                        }
                    }
                    None => {}
                }
                kept.push(c);
            }
            Insert { text: kept, ..insert }
        })
        .collect()
}

/// The file with the insertions made; nothing else changes.
pub fn insert(text: &str, inserts: &[Insert]) -> String {
    let mut sorted: Vec<&Insert> = inserts.iter().collect();
    sorted.sort_by_key(|insert| insert.at);
    let mut out = String::with_capacity(text.len() + inserts.iter().map(|i| i.text.len()).sum::<usize>());
    let mut from = 0;
    for insert in sorted {
        out.push_str(&text[from..insert.at]);
        out.push_str(&insert.text);
        from = insert.at;
    }
    out.push_str(&text[from..]);
    out
}

/// The leading whitespace of the line `at` is on.
pub fn indent_at(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let line = &text[start..];
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

fn same_line(text: &str, a: usize, b: usize) -> bool {
    !text[a.min(b)..a.max(b)].contains('\n')
}

/// Inserts `item` (our text, two-space indents) as the first item of a `{…}` or `[…]`, laid
/// out as the container is: one item per line, or all on one line (then `one_line` is used).
pub fn insert_first(text: &str, container: Container, item: &str, one_line: &str, style: &Style) -> Insert {
    let newline = style.newline();
    // Alone in the container, the item is the last one.
    let comma = if style.trailing_commas { "," } else { "" };
    match container.first {
        Some(first) if same_line(text, container.open, first) => {
            Insert { at: first, text: format!("{}, ", style.apply(one_line, "")) }
        }
        Some(first) => {
            let indent = indent_at(text, first);
            Insert { at: container.open + 1, text: format!("{newline}{indent}{},", style.apply(item, indent)) }
        }
        None if same_line(text, container.open, container.close) => {
            let base = indent_at(text, container.open);
            let indent = format!("{base}{}", style.indent);
            Insert {
                at: container.open + 1,
                text: format!("{newline}{indent}{}{comma}{newline}{base}", style.apply(item, &indent)),
            }
        }
        None => {
            let base = indent_at(text, container.close);
            let indent = format!("{base}{}", style.indent);
            Insert { at: container.open + 1, text: format!("{newline}{indent}{}{comma}", style.apply(item, &indent)) }
        }
    }
}

/// An import line after the file's last import (or at its top).
pub fn insert_import(program: &Program, text: &str, line: &str, style: &Style) -> Insert {
    let newline = style.newline();
    match imports(program).last() {
        Some(last) => Insert { at: last.end, text: format!("{newline}{}", style.apply(line, "")) },
        None => {
            // After a leading comment block and any directives ("use client"), before the code.
            let at = program
                .directives
                .last()
                .map(|d| d.span.end as usize)
                .or_else(|| program.body.first().map(|s| s.span().start as usize))
                .unwrap_or(text.len());
            if program.directives.is_empty() {
                Insert { at, text: format!("{}{newline}{newline}", style.apply(line, "")) }
            } else {
                Insert { at, text: format!("{newline}{}", style.apply(line, "")) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use oxc_ast::ast::{Expression, Statement};

    use super::*;
    use crate::init::source::parse;

    #[test]
    fn our_last_commas_go_where_prettier_says_none() {
        let text = "x({\n  a: [],\n})";
        let inserts = vec![
            // Into the empty array: the item, then its own comma before `]`.
            Insert { at: 10, text: "\n    { b: \"1,]\", c: 2, },\n  ".into() },
            // Before the file's comma: ours stays, the file's is the file's.
            Insert { at: 4, text: "z: 1,\n  ".into() },
        ];
        let kept: Vec<String> = without_trailing_commas(text, inserts).into_iter().map(|i| i.text).collect();
        assert_eq!(kept, ["\n    { b: \"1,]\", c: 2 }\n  ", "z: 1,\n  "]);
    }

    #[test]
    fn first_items_go_where_the_container_lays_them_out() {
        let style = Style::default();
        let cases = [
            ("x({\n  a: 1,\n})", "x({\n  b: 2,\n  a: 1,\n})"),
            ("x({ a: 1 })", "x({ b: 2, a: 1 })"),
            ("x({})", "x({\n  b: 2,\n})"),
            ("  x({\n  })", "  x({\n    b: 2,\n  })"),
        ];
        for (text, expected) in cases {
            let container = parse(Path::new("x.ts"), text, |program| {
                let Statement::ExpressionStatement(s) = &program.body[0] else { panic!() };
                let Expression::CallExpression(call) = &s.expression else { panic!() };
                let Some(Expression::ObjectExpression(o)) = call.arguments[0].as_expression() else { panic!() };
                Container::of_object(o)
            })
            .unwrap();
            let insert = insert_first(text, container, "b: 2", "b: 2", &style);
            assert_eq!(super::insert(text, &[insert]), expected, "{text}");
        }
    }
}
