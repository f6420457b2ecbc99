//! The root layout (`app/layout.tsx`), wired to the client provider init wrote: its import,
//! and `<ConvexClientProvider>` around the one `{children}` the layout renders. Both are
//! insertions; a layout that renders `children` more than once, or not in its JSX, is the
//! user's to wire. The provider needs no session from the layout (it fetches it in the
//! browser), so nothing here awaits request data, which `cacheComponents` forbids outside
//! `<Suspense>`.

use oxc_ast::ast::{
    ExportDefaultDeclarationKind, Expression, FunctionBody, JSXChild, JSXExpression, Program, Statement,
};
use oxc_span::GetSpan;

use super::edit::{Insert, Style, insert_import};
use super::file_plan::Missing;
use super::source;
use super::verdict::Verdict;

const WIRED: Missing = Missing::Other("<ConvexClientProvider> around {children}");

/// The layout against `import` (the provider's module, as the layout imports it).
pub fn read(text: &str, program: &Program, import: &str) -> Verdict {
    // Rendered already, under whatever name the layout gives it.
    let module = |source: &str| source.rsplit('/').next() == Some("ConvexClientProvider");
    if source::imports(program).iter().any(|i| module(&i.source))
        || source::imports_name(program, "ConvexClientProvider")
    {
        return Verdict::Present;
    }
    let lines = format!(
        "import ConvexClientProvider from \"{import}\";\n\n// around the pages, in the JSX the layout returns:\n<ConvexClientProvider>{{children}}</ConvexClientProvider>"
    );
    let spans: Vec<(usize, usize)> = default_body(program).map(children_in).unwrap_or_default();
    let [(start, end)] = spans.as_slice() else {
        let reason =
            "it does not render {children} once in the JSX it returns, so where the provider goes is yours to say";
        return Verdict::manual(vec![WIRED], reason, lines);
    };
    let style = Style::of(text, program);
    let import_line = format!("import ConvexClientProvider from \"{import}\";");
    let inserts = vec![
        insert_import(program, text, &import_line, &style),
        Insert { at: *start, text: "<ConvexClientProvider>".into() },
        Insert { at: *end, text: "</ConvexClientProvider>".into() },
    ];
    Verdict::Insert { inserts, missing: vec![WIRED] }
}

/// The body of the default-exported component, a function declaration or an arrow.
fn default_body<'p, 'a>(program: &'p Program<'a>) -> Option<&'p FunctionBody<'a>> {
    program.body.iter().find_map(|statement| match statement {
        Statement::ExportDefaultDeclaration(export) => match &export.declaration {
            ExportDefaultDeclarationKind::FunctionDeclaration(function) => function.body.as_deref(),
            kind => match kind.as_expression().map(|e| source::resolve(program, e)) {
                Some(Expression::ArrowFunctionExpression(arrow)) => Some(&arrow.body),
                Some(Expression::FunctionExpression(function)) => function.body.as_deref(),
                _ => None,
            },
        },
        _ => None,
    })
}

/// Where each `{children}` is, in the JSX the body returns.
fn children_in(body: &FunctionBody) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for statement in &body.statements {
        let returned = match statement {
            Statement::ReturnStatement(ret) => ret.argument.as_ref(),
            Statement::ExpressionStatement(expression) => Some(&expression.expression),
            _ => None,
        };
        match returned.map(Expression::get_inner_expression) {
            Some(Expression::JSXElement(element)) => walk(&element.children, &mut found),
            Some(Expression::JSXFragment(fragment)) => walk(&fragment.children, &mut found),
            _ => {}
        }
    }
    found
}

fn walk(children: &[JSXChild], found: &mut Vec<(usize, usize)>) {
    for child in children {
        match child {
            JSXChild::Element(inner) => walk(&inner.children, found),
            JSXChild::Fragment(fragment) => walk(&fragment.children, found),
            JSXChild::ExpressionContainer(container) if matches!(&container.expression, JSXExpression::Identifier(id) if id.name == "children") =>
            {
                let span = container.span();
                found.push((span.start as usize, span.end as usize));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::init::verdict::judged;

    fn judge(text: &str, program: &Program) -> Verdict {
        read(text, program, "./ConvexClientProvider")
    }

    #[test]
    fn the_one_children_is_wrapped_and_the_import_follows_the_files_style() {
        let text = "import type { ReactNode } from 'react'\nimport './globals.css'\n\nexport default function RootLayout({ children }: { children: ReactNode }) {\n  return (\n    <html lang='en'>\n      <body className='x'>{children}</body>\n    </html>\n  )\n}\n";
        let (verdict, after) = judged("layout.tsx", text, judge);
        assert!(matches!(verdict, Verdict::Insert { .. }), "{verdict:?}");
        assert_eq!(
            after,
            "import type { ReactNode } from 'react'\nimport './globals.css'\nimport ConvexClientProvider from './ConvexClientProvider'\n\nexport default function RootLayout({ children }: { children: ReactNode }) {\n  return (\n    <html lang='en'>\n      <body className='x'><ConvexClientProvider>{children}</ConvexClientProvider></body>\n    </html>\n  )\n}\n"
        );
        assert_eq!(judged("layout.tsx", &after, judge).0, Verdict::Present);
    }

    #[test]
    fn children_twice_or_nowhere_is_the_users_to_wire() {
        for text in [
            "export default function L({ children }) {\n  return <main>{children}{children}</main>;\n}\n",
            "export default function L({ children }) {\n  const page = <main>{children}</main>;\n  return page;\n}\n",
            "export default async function L() {\n  return <html><body /></html>;\n}\n",
        ] {
            assert!(matches!(judged("layout.tsx", text, judge).0, Verdict::Manual { .. }), "{text}");
        }
    }
}
