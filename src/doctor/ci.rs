//! doctor's report in the forms CI systems read: GitHub's workflow commands and step summary,
//! and JUnit XML (GitLab's `artifacts:reports:junit`, Jenkins). Pure renderings of the report;
//! the command decides where they go. convex-facts.md §15.

use super::{Check, Report, Status};

/// GitHub shows at most this many annotations of each kind per step.
const MAX_ANNOTATIONS: usize = 10;

/// One workflow command per failed or warned check, `::error` or `::warning`, at most ten of
/// each, titled by the check's id and placed at its file when it has one.
pub fn github_commands(report: &Report) -> Vec<String> {
    let mut commands = Vec::new();
    for (status, kind) in [(Status::Fail, "error"), (Status::Warn, "warning")] {
        let checks = report.checks.iter().filter(|c| c.status == status).take(MAX_ANNOTATIONS);
        commands.extend(checks.map(|check| {
            let mut properties = Vec::new();
            if let Some(file) = &check.file {
                properties.push(format!("file={}", property(file)));
            }
            properties.push(format!("title={}", property(check.id.as_str())));
            format!("::{kind} {}::{}", properties.join(","), data(&said(check)))
        }));
    }
    commands
}

/// The workflow command that hides `value` in the rest of the job's log.
pub fn mask(value: &str) -> String {
    format!("::add-mask::{}", data(value))
}

/// The summary and the fix, as one message.
fn said(check: &Check) -> String {
    match &check.hint {
        Some(hint) => format!("{}\nhint: {hint}", check.summary),
        None => check.summary.clone(),
    }
}

/// A command's message, escaped as the runner unescapes it.
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A property's value: also `:` and `,`, which separate properties.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The report as a markdown table, for `$GITHUB_STEP_SUMMARY`.
pub fn step_summary(url: &str, report: &Report) -> String {
    let cell = |text: &str| text.replace('|', "\\|").replace(['\r', '\n'], " ");
    let mut text =
        format!("### convex-authjs doctor: {}\n\n| check | status | summary |\n| --- | --- | --- |\n", cell(url));
    for check in &report.checks {
        let mut summary = cell(&check.summary);
        if let Some(hint) = &check.hint {
            summary.push_str(&format!("<br>hint: {}", cell(hint)));
        }
        text.push_str(&format!("| `{}` | {} | {summary} |\n", check.id.as_str(), check.status.as_str()));
    }
    text
}

/// The report as JUnit XML: one test case per check; a failure is `<failure>`, a skipped check
/// `<skipped>`; a warning passes, its words in `<system-out>`.
pub fn junit(url: &str, report: &Report) -> String {
    let count = |status: Status| report.checks.iter().filter(|c| c.status == status).count();
    let seconds = |ms: u64| format!("{}.{:03}", ms / 1000, ms % 1000);
    let total: u64 = report.checks.iter().map(|c| c.ms).sum();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str(&format!(
        "<testsuites name=\"convex-authjs doctor\" tests=\"{}\" failures=\"{}\" skipped=\"{}\" time=\"{}\">\n",
        report.checks.len(),
        count(Status::Fail),
        count(Status::Skip),
        seconds(total)
    ));
    xml.push_str(&format!(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"{}\">\n",
        escape(url),
        report.checks.len(),
        count(Status::Fail),
        count(Status::Skip),
        seconds(total)
    ));
    for check in &report.checks {
        let id = escape(check.id.as_str());
        let file = check.file.as_deref().map_or(String::new(), |f| format!(" file=\"{}\"", escape(f)));
        xml.push_str(&format!(
            "    <testcase classname=\"doctor\" name=\"{id}\"{file} time=\"{}\">\n",
            seconds(check.ms)
        ));
        match check.status {
            Status::Fail => xml.push_str(&format!(
                "      <failure message=\"{}\">{}</failure>\n",
                escape(&check.summary),
                escape(&said(check))
            )),
            Status::Skip => xml.push_str(&format!("      <skipped message=\"{}\"/>\n", escape(&check.summary))),
            Status::Warn | Status::Pass => {
                xml.push_str(&format!("      <system-out>{}</system-out>\n", escape(&said(check))))
            }
        }
        xml.push_str("    </testcase>\n");
    }
    xml.push_str("  </testsuite>\n</testsuites>\n");
    xml
}

/// Text for an XML attribute or element; characters XML 1.0 cannot carry at all (most control
/// characters) become spaces.
fn escape(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '"' => "&quot;".to_string(),
            '\'' => "&apos;".to_string(),
            '\n' => "&#10;".to_string(),
            '\t' | '\r' => " ".to_string(),
            c if c.is_control() => " ".to_string(),
            c => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doctor::CheckId;

    fn check(id: CheckId, status: Status, summary: &str, file: Option<&str>) -> Check {
        let hint = (status != Status::Pass).then(|| "do this, then that".to_string());
        Check { id, status, summary: summary.into(), hint, file: file.map(Into::into), ms: 12 }
    }

    #[test]
    fn at_most_ten_annotations_of_each_kind() {
        let checks = (0..12).map(|_| check(CheckId::SiteJwks, Status::Fail, "x", None)).collect();
        let commands = github_commands(&Report { ok: false, checks });
        assert_eq!(commands.len(), MAX_ANNOTATIONS);
    }

    #[test]
    fn values_are_escaped_as_github_unescapes_them() {
        let report = Report {
            ok: false,
            checks: vec![check(CheckId::CodeSchema, Status::Fail, "100% wrong: a,b\r\nnext", Some("convex/a:b,c.ts"))],
        };
        let commands = github_commands(&report);
        assert_eq!(
            commands,
            [
                "::error file=convex/a%3Ab%2Cc.ts,title=code.schema::100%25 wrong: a,b%0D%0Anext%0Ahint: do this, then that"
            ]
        );
    }
}
