//! Convex's own Next.js quickstart provider, recognised by its syntax: a client module that
//! makes `new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL)` and whose default export
//! returns `<ConvexProvider client={convex}>{children}</ConvexProvider>`, with nothing else in
//! it. Such a file holds nothing of the user's, so it is upgraded to our provider, which keeps
//! its name, its default export and its `children` (its `session` prop is optional): the
//! layout that renders it goes on compiling.

use oxc_ast::ast::{
    ExportDefaultDeclarationKind, Expression, JSXAttributeItem, JSXAttributeName, JSXAttributeValue, JSXChild,
    JSXExpression, Program, Statement,
};

use super::source;

/// Whether `program` is the quickstart's provider and nothing more.
pub fn is_provider(program: &Program) -> bool {
    let client_module = program.directives.iter().any(|d| d.directive == "use client");
    let (mut client, mut component) = (false, false);
    for statement in &program.body {
        let known = match statement {
            Statement::ImportDeclaration(import) => matches!(import.source.value.as_str(), "react" | "convex/react"),
            Statement::VariableDeclaration(declaration) => {
                client = declaration.declarations.len() == 1
                    && declaration.declarations[0].id.get_binding_identifier().is_some_and(|id| id.name == "convex")
                    && declaration.declarations[0].init.as_ref().is_some_and(makes_client);
                client
            }
            Statement::ExportDefaultDeclaration(export) => {
                component = match &export.declaration {
                    ExportDefaultDeclarationKind::FunctionDeclaration(function) => {
                        function.body.as_ref().is_some_and(|body| match body.statements.as_slice() {
                            [Statement::ReturnStatement(ret)] => ret.argument.as_ref().is_some_and(renders_provider),
                            _ => false,
                        })
                    }
                    _ => false,
                };
                component
            }
            _ => false,
        };
        if !known {
            return false;
        }
    }
    client_module && client && component
}

/// `new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!)`, with no options of the user's.
fn makes_client(expression: &Expression) -> bool {
    match expression.get_inner_expression() {
        Expression::NewExpression(new) => {
            matches!(&new.callee, Expression::Identifier(id) if id.name == "ConvexReactClient")
                && new.arguments.len() == 1
                && new.arguments[0].as_expression().is_some_and(|a| source::is_env(a, "NEXT_PUBLIC_CONVEX_URL"))
        }
        _ => false,
    }
}

/// `<ConvexProvider client={convex}>{children}</ConvexProvider>`, blank text aside.
fn renders_provider(expression: &Expression) -> bool {
    let Expression::JSXElement(element) = expression.get_inner_expression() else { return false };
    let opening = &element.opening_element;
    let named = source::jsx_named(element, "ConvexProvider");
    let client = match opening.attributes.as_slice() {
        [JSXAttributeItem::Attribute(attribute)] => {
            matches!(&attribute.name, JSXAttributeName::Identifier(name) if name.name == "client")
                && matches!(&attribute.value, Some(JSXAttributeValue::ExpressionContainer(value))
                    if matches!(&value.expression, JSXExpression::Identifier(id) if id.name == "convex"))
        }
        _ => false,
    };
    let children: Vec<&JSXChild> =
        element.children.iter().filter(|c| !matches!(c, JSXChild::Text(t) if t.value.trim().is_empty())).collect();
    let passes_children = matches!(children.as_slice(), [JSXChild::ExpressionContainer(c)]
        if matches!(&c.expression, JSXExpression::Identifier(id) if id.name == "children"));
    named && client && passes_children
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recognised(text: &str) -> bool {
        source::parse(std::path::Path::new("p.tsx"), text, is_provider).unwrap()
    }

    const WRITTEN_HERE: &str = "'use client'\nimport { ReactNode } from 'react'\nimport { ConvexProvider, ConvexReactClient } from 'convex/react'\n\n// our own comment\nconst convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!)\n\nexport default function Wrapper({ children }: { children: ReactNode }) {\n  return (\n    <ConvexProvider client={convex}>\n      {children}\n    </ConvexProvider>\n  )\n}\n";

    #[test]
    fn the_quickstart_shape_is_recognised_whatever_its_formatting() {
        assert!(recognised(WRITTEN_HERE));
    }

    #[test]
    fn anything_of_the_users_makes_it_theirs() {
        for (what, from, to) in [
            ("another import", "from 'react'\n", "from 'react'\nimport { Toaster } from 'sonner'\n"),
            ("client options", "NEXT_PUBLIC_CONVEX_URL!)", "NEXT_PUBLIC_CONVEX_URL!, { verbose: true })"),
            ("more markup", "{children}\n", "{children}\n      <Toaster />\n"),
            ("another statement", "\nexport default", "\nexport const x = 1\nexport default"),
            ("a server module", "'use client'\n", ""),
        ] {
            assert!(!recognised(&WRITTEN_HERE.replace(from, to)), "{what}");
        }
    }
}
