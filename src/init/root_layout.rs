//! The root layout (`app/layout.tsx`), or the Pages Router's `pages/_app.tsx`, wired to the
//! client provider init wrote: its import, and `<ConvexClientProvider>` around the one
//! `{children}` the layout renders (or the one `<Component {...pageProps} />`, given
//! `pageProps.session`). Both are insertions; a file that renders it more than once, or not in
//! its JSX, is the user's to wire. The provider needs no session from the layout (it fetches it in the
//! browser), so nothing here awaits request data, which `cacheComponents` forbids outside
//! `<Suspense>`.

use oxc_ast::ast::{
    BindingPatternKind, ExportDefaultDeclarationKind, Expression, FormalParameters, FunctionBody, JSXChild,
    JSXExpression, Program, Statement,
};
use oxc_span::GetSpan;

use super::edit::{Insert, insert_import};
use super::file_plan::Missing;
use super::source;
use super::style::Style;
use super::verdict::Verdict;

/// The file that renders every page: the App Router's root layout, or the Pages Router's `_app`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Root {
    Layout,
    App,
}

impl Root {
    fn wired(self) -> Missing {
        match self {
            Root::Layout => Missing::Other("<ConvexClientProvider> around {children}"),
            Root::App => Missing::Other("<ConvexClientProvider> around <Component {...pageProps} />"),
        }
    }

    fn open(self) -> &'static str {
        match self {
            Root::Layout => "<ConvexClientProvider>",
            Root::App => "<ConvexClientProvider session={pageProps.session}>",
        }
    }
}

/// The file against `import` (the provider's module, as the file imports it).
pub fn read(text: &str, program: &Program, import: &str, root: Root) -> Verdict {
    // Rendered already, under whatever name the file gives it.
    let module = |source: &str| source.rsplit('/').next() == Some("ConvexClientProvider");
    if source::imports(program).iter().any(|i| module(&i.source))
        || source::imports_name(program, "ConvexClientProvider")
    {
        return Verdict::Present;
    }
    let (what, target) = match root {
        Root::Layout => ("{children}", "{children}"),
        Root::App => ("<Component {...pageProps} />", "<Component {...pageProps} />"),
    };
    let lines = format!(
        "import ConvexClientProvider from \"{import}\";\n\n// around the pages, in the JSX it returns:\n{}{target}</ConvexClientProvider>",
        root.open()
    );
    let spans: Vec<(usize, usize)> = match (default_component(program), root) {
        (Some((_, body)), Root::Layout) => children_in(body),
        // `pageProps` must be a name in the component: the session comes from it.
        (Some((params, body)), Root::App) if binds(params, "pageProps") => components_in(body),
        _ => Vec::new(),
    };
    let [(start, end)] = spans.as_slice() else {
        let reason =
            format!("it does not render {what} once in the JSX it returns, so where the provider goes is yours to say");
        return Verdict::manual(vec![root.wired()], &reason, lines);
    };
    let style = Style::of(text, program);
    let import_line = format!("import ConvexClientProvider from \"{import}\";");
    let inserts = vec![
        insert_import(program, text, &import_line, &style),
        Insert { at: *start, text: root.open().into() },
        Insert { at: *end, text: "</ConvexClientProvider>".into() },
    ];
    Verdict::Insert { inserts, missing: vec![root.wired()] }
}

/// The parameters and body of the default-exported component, a function or an arrow.
fn default_component<'p, 'a>(program: &'p Program<'a>) -> Option<(&'p FormalParameters<'a>, &'p FunctionBody<'a>)> {
    program.body.iter().find_map(|statement| match statement {
        Statement::ExportDefaultDeclaration(export) => match &export.declaration {
            ExportDefaultDeclarationKind::FunctionDeclaration(function) => {
                Some((&*function.params, function.body.as_deref()?))
            }
            kind => match kind.as_expression().map(|e| source::resolve(program, e)) {
                Some(Expression::ArrowFunctionExpression(arrow)) => Some((&*arrow.params, &*arrow.body)),
                Some(Expression::FunctionExpression(function)) => Some((&*function.params, function.body.as_deref()?)),
                _ => None,
            },
        },
        _ => None,
    })
}

/// Whether the first parameter destructures `name` (`{ Component, pageProps }`).
fn binds(params: &FormalParameters, name: &str) -> bool {
    params.items.first().is_some_and(|param| match &param.pattern.kind {
        BindingPatternKind::ObjectPattern(object) => {
            object.properties.iter().any(|p| p.key.static_name().is_some_and(|key| key == name))
        }
        _ => false,
    })
}

/// The JSX the body returns.
fn returned<'p, 'a>(body: &'p FunctionBody<'a>) -> impl Iterator<Item = &'p Expression<'a>> {
    body.statements.iter().filter_map(|statement| match statement {
        Statement::ReturnStatement(ret) => ret.argument.as_ref().map(Expression::get_inner_expression),
        Statement::ExpressionStatement(expression) => Some(expression.expression.get_inner_expression()),
        _ => None,
    })
}

/// Where each `{children}` is, in the JSX the body returns.
fn children_in(body: &FunctionBody) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let is_children = |child: &JSXChild| match child {
        JSXChild::ExpressionContainer(container) => {
            matches!(&container.expression, JSXExpression::Identifier(id) if id.name == "children")
        }
        _ => false,
    };
    for expression in returned(body) {
        match expression {
            Expression::JSXElement(element) => walk(&element.children, &is_children, &mut found),
            Expression::JSXFragment(fragment) => walk(&fragment.children, &is_children, &mut found),
            _ => {}
        }
    }
    found
}

/// Where each `<Component …>` is, in the JSX the body returns (itself, or inside it).
fn components_in(body: &FunctionBody) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let is_component = |child: &JSXChild| matches!(child, JSXChild::Element(e) if source::jsx_named(e, "Component"));
    for expression in returned(body) {
        match expression {
            Expression::JSXElement(element) if source::jsx_named(element, "Component") => {
                found.push((element.span.start as usize, element.span.end as usize));
            }
            Expression::JSXElement(element) => walk(&element.children, &is_component, &mut found),
            Expression::JSXFragment(fragment) => walk(&fragment.children, &is_component, &mut found),
            _ => {}
        }
    }
    found
}

/// The spans of the children `is` picks, at any depth; a picked one is not entered.
fn walk(children: &[JSXChild], is: &dyn Fn(&JSXChild) -> bool, found: &mut Vec<(usize, usize)>) {
    for child in children {
        if is(child) {
            let span = child.span();
            found.push((span.start as usize, span.end as usize));
            continue;
        }
        match child {
            JSXChild::Element(inner) => walk(&inner.children, is, found),
            JSXChild::Fragment(fragment) => walk(&fragment.children, is, found),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::init::verdict::judged;

    fn judge(text: &str, program: &Program) -> Verdict {
        read(text, program, "./ConvexClientProvider", Root::Layout)
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
