//! The unified diff of a planned change, as `git diff` prints one (and `git apply` takes it).
//!
//! Our changes mostly insert text, so their diff is read off the insertions themselves rather
//! than searched for: a line that gains text is shown as removed and added again, and text that
//! comes as whole lines is shown as added lines. A part of known code replaced (the setup
//! guide's session callback) is diffed line by line.

use super::edit::Insert;

const CONTEXT: usize = 3;

/// One line of the diff: kept (` `), removed (`-`) or added (`+`).
struct Op {
    mark: char,
    line: String,
}

fn op(mark: char, line: &str) -> Op {
    Op { mark, line: line.to_string() }
}

/// The diff of `before` with `inserts` made, under the headers `old` and `new`.
pub fn unified(before: &str, inserts: &[Insert], old: &str, new: &str) -> String {
    let ops = ops(before, &whole_lines(before, inserts));
    let mut out = format!("--- {old}\n+++ {new}\n");
    for hunk in hunks(&ops) {
        out.push_str(&render(&ops, hunk));
    }
    out
}

/// The diff of a whole file replaced (an upgrade of known code): every line removed, every
/// line of `after` added, in one hunk.
pub fn replaced(before: &str, after: &str, old: &str, new: &str) -> String {
    let mut ops: Vec<Op> = before.split_inclusive('\n').map(|l| op('-', l)).collect();
    ops.extend(after.split_inclusive('\n').map(|l| op('+', l)));
    let mut out = format!("--- {old}\n+++ {new}\n");
    if !ops.is_empty() {
        out.push_str(&render(&ops, (0, ops.len())));
    }
    out
}

/// The diff of `before` changed into `after`, line by line: the longest run of kept lines in
/// common, and what is removed and added around them.
pub fn changed(before: &str, after: &str, old: &str, new: &str) -> String {
    let a: Vec<&str> = before.split_inclusive('\n').collect();
    let b: Vec<&str> = after.split_inclusive('\n').collect();
    // lengths[i][j]: the longest common subsequence of a[i..] and b[j..].
    let mut lengths = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lengths[i][j] =
                if a[i] == b[j] { lengths[i + 1][j + 1] + 1 } else { lengths[i + 1][j].max(lengths[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut ops) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            ops.push(op(' ', a[i]));
            (i, j) = (i + 1, j + 1);
        } else if i < a.len() && (j == b.len() || lengths[i + 1][j] >= lengths[i][j + 1]) {
            // What goes before what comes, as diff shows a changed line.
            ops.push(op('-', a[i]));
            i += 1;
        } else {
            ops.push(op('+', b[j]));
            j += 1;
        }
    }
    let mut out = format!("--- {old}\n+++ {new}\n");
    for hunk in hunks(&ops) {
        out.push_str(&render(&ops, hunk));
    }
    out
}

/// An insertion at the end of a line that starts with a newline is the same as whole lines
/// inserted at the start of the next one; said so, the diff shows only added lines.
fn whole_lines(before: &str, inserts: &[Insert]) -> Vec<Insert> {
    let mut out: Vec<Insert> = inserts
        .iter()
        .map(|i| match i.text.strip_prefix('\n') {
            Some(rest) if before[i.at..].starts_with('\n') => Insert { at: i.at + 1, text: format!("{rest}\n") },
            _ => i.clone(),
        })
        .collect();
    out.sort_by_key(|i| i.at);
    out
}

/// Whether the insertion is whole lines put before a line of `before` (or at its end).
fn is_whole_lines(before: &str, insert: &Insert) -> bool {
    let line_start = insert.at == 0 || before.as_bytes()[insert.at - 1] == b'\n';
    line_start && insert.text.ends_with('\n')
}

/// Each line with its byte offset, newline included.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |at, line| {
        let start = *at;
        *at += line.len();
        Some((start, line))
    })
}

fn ops(before: &str, inserts: &[Insert]) -> Vec<Op> {
    let added = |text: &str| text.split_inclusive('\n').map(|l| op('+', l)).collect::<Vec<_>>();
    let mut ops = Vec::new();
    for (start, line) in lines(before) {
        let end = start + line.len();
        let (whole, inside): (Vec<&Insert>, Vec<&Insert>) = inserts
            .iter()
            .filter(|i| i.at >= start && i.at < end)
            .partition(|i| i.at == start && is_whole_lines(before, i));
        for insert in whole {
            ops.extend(added(&insert.text));
        }
        if inside.is_empty() {
            ops.push(op(' ', line));
            continue;
        }
        let mut text = String::new();
        let mut from = start;
        for insert in inside {
            text.push_str(&before[from..insert.at]);
            text.push_str(&insert.text);
            from = insert.at;
        }
        text.push_str(&before[from..end]);
        ops.push(op('-', line));
        ops.extend(added(&text));
    }
    // What is inserted at the very end.
    for insert in inserts.iter().filter(|i| i.at == before.len()) {
        ops.extend(added(&insert.text));
    }
    ops
}

/// Ranges of `ops` to show: each change with up to three kept lines around it, merged when
/// they touch.
fn hunks(ops: &[Op]) -> Vec<(usize, usize)> {
    let mut hunks: Vec<(usize, usize)> = Vec::new();
    for (n, op) in ops.iter().enumerate() {
        if op.mark == ' ' {
            continue;
        }
        let (start, end) = (n.saturating_sub(CONTEXT), (n + 1 + CONTEXT).min(ops.len()));
        match hunks.last_mut() {
            Some(last) if start <= last.1 => last.1 = end,
            _ => hunks.push((start, end)),
        }
    }
    hunks
}

fn render(ops: &[Op], (start, end): (usize, usize)) -> String {
    let count = |ops: &[Op], side: char| ops.iter().filter(|o| o.mark == ' ' || o.mark == side).count();
    let shown = &ops[start..end];
    let (old_before, new_before) = (count(&ops[..start], '-'), count(&ops[..start], '+'));
    let (old_count, new_count) = (count(shown, '-'), count(shown, '+'));
    // An empty side is numbered by the line before it (0 for the start of the file).
    let first = |before: usize, count: usize| if count == 0 { before } else { before + 1 };
    let mut out =
        format!("@@ -{},{old_count} +{},{new_count} @@\n", first(old_before, old_count), first(new_before, new_count));
    for op in shown {
        out.push(op.mark);
        out.push_str(&op.line);
        if !op.line.ends_with('\n') {
            out.push_str("\n\\ No newline at end of file\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, before: &str) -> usize {
        before.find(text).unwrap()
    }

    #[test]
    fn whole_lines_are_added_lines_and_a_line_that_gains_text_is_replaced() {
        let before = "import a from \"a\";\n\nexport default defineSchema({ posts: t });\n";
        let inserts = [
            Insert { at: at(";\n\n", before) + 1, text: "\nimport b from \"b\";".into() },
            Insert { at: at("posts", before), text: "...b, ".into() },
        ];
        let diff = unified(before, &inserts, "a/schema.ts", "b/schema.ts");
        assert_eq!(
            diff,
            "--- a/schema.ts\n+++ b/schema.ts\n@@ -1,3 +1,4 @@\n import a from \"a\";\n+import b from \"b\";\n \n-export default defineSchema({ posts: t });\n+export default defineSchema({ ...b, posts: t });\n"
        );
    }

    #[test]
    fn a_new_file_and_distant_changes_in_hunks_of_their_own() {
        assert_eq!(
            unified("", &[Insert { at: 0, text: "a\nb\n".into() }], "/dev/null", "b/x"),
            "--- /dev/null\n+++ b/x\n@@ -0,0 +1,2 @@\n+a\n+b\n"
        );
        let before: String = (1..=20).map(|n| format!("{n}\n")).collect();
        let inserts = [Insert { at: 0, text: "top\n".into() }, Insert { at: before.len(), text: "end\n".into() }];
        let diff = unified(&before, &inserts, "a/x", "b/x");
        assert_eq!(
            diff,
            "--- a/x\n+++ b/x\n@@ -1,3 +1,4 @@\n+top\n 1\n 2\n 3\n@@ -18,3 +19,4 @@\n 18\n 19\n 20\n+end\n"
        );
    }
}
