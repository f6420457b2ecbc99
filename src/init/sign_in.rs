//! The sign-in providers `--provider` adds to the Auth.js config: Auth.js's built-in OAuth
//! providers by their ids, each passed as `providers: [GitHub]`, which reads its credentials
//! from `AUTH_GITHUB_ID` and `AUTH_GITHUB_SECRET` by itself.

/// Auth.js's built-in providers we offer: the id and the default export of
/// `next-auth/providers/<id>`.
const KNOWN: [(&str, &str); 19] = [
    ("apple", "Apple"),
    ("auth0", "Auth0"),
    ("discord", "Discord"),
    ("facebook", "Facebook"),
    ("github", "GitHub"),
    ("gitlab", "GitLab"),
    ("google", "Google"),
    ("keycloak", "Keycloak"),
    ("linkedin", "LinkedIn"),
    ("microsoft-entra-id", "MicrosoftEntraID"),
    ("notion", "Notion"),
    ("okta", "Okta"),
    ("reddit", "Reddit"),
    ("slack", "Slack"),
    ("spotify", "Spotify"),
    ("twitch", "Twitch"),
    ("twitter", "Twitter"),
    ("workos", "WorkOS"),
    ("zoom", "Zoom"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignIn {
    pub id: &'static str,
    pub import: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{given:?} is not a sign-in provider init knows; it knows {}", known())]
pub struct UnknownProvider {
    pub given: String,
}

fn known() -> String {
    KNOWN.iter().map(|(id, _)| *id).collect::<Vec<_>>().join(", ")
}

impl SignIn {
    pub fn find(id: &str) -> Result<SignIn, UnknownProvider> {
        let id = id.trim().to_ascii_lowercase();
        KNOWN
            .iter()
            .find(|(known, _)| *known == id)
            .map(|(id, import)| SignIn { id, import })
            .ok_or(UnknownProvider { given: id })
    }

    /// The variables Auth.js reads its credentials from.
    pub fn env_names(self) -> [String; 2] {
        let stem = self.id.to_ascii_uppercase().replace('-', "_");
        [format!("AUTH_{stem}_ID"), format!("AUTH_{stem}_SECRET")]
    }

    /// Where the provider sends the user back, to register with it.
    pub fn callback(self, origin: &str) -> String {
        format!("{origin}/api/auth/callback/{}", self.id)
    }
}

/// The import lines and the `providers: [ … ]` list for `chosen`.
pub fn config(chosen: &[SignIn]) -> (String, String) {
    let imports =
        chosen.iter().map(|p| format!("import {} from \"next-auth/providers/{}\";\n", p.import, p.id)).collect();
    let list = chosen.iter().map(|p| p.import).collect::<Vec<_>>().join(", ");
    (imports, format!("providers: [{list}],"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn providers_are_found_by_id_and_name_their_variables_and_callback() {
        let github = SignIn::find("GitHub").unwrap();
        assert_eq!(github.env_names(), ["AUTH_GITHUB_ID".to_string(), "AUTH_GITHUB_SECRET".to_string()]);
        assert_eq!(github.callback("http://localhost:3000"), "http://localhost:3000/api/auth/callback/github");
        let entra = SignIn::find("microsoft-entra-id").unwrap();
        assert_eq!(entra.env_names()[0], "AUTH_MICROSOFT_ENTRA_ID_ID");
        let unknown = SignIn::find("myspace").unwrap_err().to_string();
        assert!(unknown.contains("\"myspace\"") && unknown.contains("github"), "{unknown}");
        let (imports, list) = config(&[github, SignIn::find("google").unwrap()]);
        assert_eq!(
            imports,
            "import GitHub from \"next-auth/providers/github\";\nimport Google from \"next-auth/providers/google\";\n"
        );
        assert_eq!(list, "providers: [GitHub, Google],");
    }
}
