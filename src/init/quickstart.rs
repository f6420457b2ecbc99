//! Convex's own Next.js quickstart provider, recognised by its syntax: a client module that
//! makes `new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL)` and whose exported function
//! (`export function ConvexClientProvider`, as the quickstart writes it, or a default export)
//! returns `<ConvexProvider client={convex}>{children}</ConvexProvider>`, with nothing else in
//! it. Such a file holds nothing of the user's, so it is upgraded to our provider, which keeps
//! the export the layout imports and its `children` (its `session` prop is optional): the
//! layout that renders it goes on compiling.

use oxc_ast::ast::{
    Declaration, ExportDefaultDeclarationKind, Expression, JSXAttributeItem, JSXAttributeName, JSXAttributeValue,
    JSXChild, JSXExpression, Program, Statement,
};

use super::source;

/// How the quickstart's provider is exported, which the upgraded file must keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Export {
    Default,
    /// `export function <name>`.
    Named(String),
}

/// How `program` exports the quickstart's provider, when it is that and nothing more.
pub fn provider_export(program: &Program) -> Option<Export> {
    let client_module = program.directives.iter().any(|d| d.directive == "use client");
    let (mut client, mut component) = (false, None);
    let returns_provider = |function: &oxc_ast::ast::Function| {
        function.body.as_ref().is_some_and(|body| match body.statements.as_slice() {
            [Statement::ReturnStatement(ret)] => ret.argument.as_ref().is_some_and(renders_provider),
            _ => false,
        })
    };
    for statement in &program.body {
        let known = match statement {
            Statement::ImportDeclaration(import) => matches!(import.source.value.as_str(), "react" | "convex/react"),
            Statement::VariableDeclaration(declaration) => {
                client = declaration.declarations.len() == 1
                    && declaration.declarations[0].id.get_binding_identifier().is_some_and(|id| id.name == "convex")
                    && declaration.declarations[0].init.as_ref().is_some_and(makes_client);
                client
            }
            Statement::ExportDefaultDeclaration(export) if component.is_none() => {
                component = match &export.declaration {
                    ExportDefaultDeclarationKind::FunctionDeclaration(function) if returns_provider(function) => {
                        Some(Export::Default)
                    }
                    _ => None,
                };
                component.is_some()
            }
            Statement::ExportNamedDeclaration(export) if component.is_none() => {
                component = match &export.declaration {
                    Some(Declaration::FunctionDeclaration(function)) if returns_provider(function) => {
                        function.id.as_ref().map(|id| Export::Named(id.name.to_string()))
                    }
                    _ => None,
                };
                component.is_some()
            }
            _ => false,
        };
        if !known {
            return None;
        }
    }
    component.filter(|_| client_module && client)
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
        source::parse(std::path::Path::new("p.tsx"), text, provider_export).unwrap().is_some()
    }

    const WRITTEN_HERE: &str = "'use client'\nimport { ReactNode } from 'react'\nimport { ConvexProvider, ConvexReactClient } from 'convex/react'\n\n// our own comment\nconst convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!)\n\nexport default function Wrapper({ children }: { children: ReactNode }) {\n  return (\n    <ConvexProvider client={convex}>\n      {children}\n    </ConvexProvider>\n  )\n}\n";

    #[test]
    fn the_quickstart_shape_is_recognised_whatever_its_formatting() {
        assert!(recognised(WRITTEN_HERE));
        // As Convex's quickstart exports it: by name, which the upgrade keeps.
        let named = WRITTEN_HERE.replace("export default function Wrapper", "export function ConvexClientProvider");
        let export = source::parse(std::path::Path::new("p.tsx"), &named, provider_export).unwrap();
        assert_eq!(export, Some(Export::Named("ConvexClientProvider".into())));
        let twice = format!(
            "{named}\nexport function Other() {{\n  return <ConvexProvider client={{convex}}>{{children}}</ConvexProvider>\n}}\n"
        );
        assert!(!recognised(&twice), "a second component is the user's");
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
